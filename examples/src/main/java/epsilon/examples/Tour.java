package epsilon.examples;

/** A walk through Epsilon Foreign: every feature, called against the real C library. */
public final class Tour {
    private Tour() {}

    public static void main(String[] args) {
        System.out.println("Epsilon Foreign tour on Java " + Runtime.version());
    }
}
