package dev.panagit.bench;

/** W7's floor: a Java process that prints one line, started the way panagit is (same JVM, same options). */
public final class HelloWorld {
    private HelloWorld() {
    }

    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
