package org.trustmap.queries.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.neo4j.driver.Value;
import org.neo4j.driver.types.IsoDuration;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Point;
import org.neo4j.driver.types.Relationship;

/** Converts driver values to plain Java values that Jackson, commons-csv and a table can print. */
public final class Values {
    private Values() {
    }

    public static Object plain(Value value) {
        return value == null || value.isNull() ? null : plain(value.asObject());
    }

    /** Converts what {@link Value#asObject()} returns, recursively. */
    public static Object plain(Object o) {
        if (o == null || o instanceof String || o instanceof Boolean || o instanceof Long || o instanceof Double
                || o instanceof byte[]) {
            return o;
        }
        if (o instanceof Value v) {
            return plain(v);
        }
        if (o instanceof Node n) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<String> labels = new ArrayList<>();
            n.labels().forEach(labels::add);
            m.put("_labels", labels);
            m.putAll(properties(n.asMap(Values::plain)));
            return m;
        }
        if (o instanceof Relationship r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("_type", r.type());
            m.putAll(properties(r.asMap(Values::plain)));
            return m;
        }
        if (o instanceof Path p) {
            List<Object> list = new ArrayList<>();
            list.add(plain(p.start()));
            for (Path.Segment s : p) {
                list.add(plain(s.relationship()));
                list.add(plain(s.end()));
            }
            return list;
        }
        if (o instanceof List<?> l) {
            List<Object> list = new ArrayList<>(l.size());
            l.forEach(e -> list.add(plain(e)));
            return list;
        }
        if (o instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), plain(v)));
            return m;
        }
        if (o instanceof LocalDate d) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(d);
        }
        if (o instanceof LocalTime t) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(t);
        }
        if (o instanceof OffsetTime t) {
            return DateTimeFormatter.ISO_OFFSET_TIME.format(t);
        }
        if (o instanceof LocalDateTime t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        if (o instanceof ZonedDateTime t) {
            return t.getZone() instanceof ZoneOffset ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t)
                    : DateTimeFormatter.ISO_ZONED_DATE_TIME.format(t);
        }
        if (o instanceof IsoDuration d) {
            return d.toString();
        }
        if (o instanceof Point p) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("srid", (long) p.srid());
            m.put("x", p.x());
            m.put("y", p.y());
            if (!Double.isNaN(p.z())) {
                m.put("z", p.z());
            }
            return m;
        }
        if (o instanceof Integer i) {
            return i.longValue();
        }
        if (o instanceof Float f) {
            return f.doubleValue();
        }
        return o.toString();
    }

    private static Map<String, Object> properties(Map<String, Object> props) {
        return new TreeMap<>(props);
    }
}
