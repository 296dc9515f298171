package io.smoketrace.ui.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Prints the bcrypt hash of a password for {@code smoketrace.ui.users.<name>.password-hash}. The
 * password is read from the terminal without echo (twice), or as one line from standard input when
 * piped, never from the command line where it would land in the shell history.
 *
 * <pre>java -cp 'web-ui/target/quarkus-app/app/*:web-ui/target/quarkus-app/lib/main/*' io.smoketrace.ui.security.HashPassword</pre>
 */
public final class HashPassword {

    /** bcrypt cost: 2^12 rounds, about a quarter of a second per login on a small server. */
    static final int COST = 12;

    private HashPassword() {
    }

    public static void main(String[] args) throws IOException {
        char[] password = read();
        if (password.length < 8) {
            System.err.println("refusing a password shorter than 8 characters");
            System.exit(2);
        }
        System.out.println(hash(password));
        Arrays.fill(password, '\0');
    }

    /** The bcrypt hash ({@code $2a$12$...}) of the password. */
    static String hash(char[] password) {
        return BCrypt.withDefaults().hashToString(COST, password);
    }

    private static char[] read() throws IOException {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            char[] first = console.readPassword("password: ");
            char[] second = console.readPassword("again: ");
            if (first == null || !Arrays.equals(first, second)) {
                System.err.println("the two passwords differ");
                System.exit(2);
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
