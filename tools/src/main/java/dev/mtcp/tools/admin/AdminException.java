package dev.mtcp.tools.admin;

/** An admin request that cannot be served: carries the HTTP status and a message for the {@code {"error": ...}} body. */
public final class AdminException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public AdminException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static AdminException badRequest(String message) {
        return new AdminException(400, message);
    }

    public static AdminException notFound(String message) {
        return new AdminException(404, message);
    }
}
