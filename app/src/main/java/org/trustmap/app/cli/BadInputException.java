package org.trustmap.app.cli;

/** Bad usage or bad input: the command exits with code 2 and this message, which names the file or value. */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
