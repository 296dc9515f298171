package io.smoketrace.ui.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Identities of console users from {@link UserDirectory}: by password at login, and by name for a
 * session that already logged in (its user must still be configured, with the roles configured now).
 */
public final class ConsoleIdentityProviders {

    private ConsoleIdentityProviders() {
    }

    static SecurityIdentity identity(UserDirectory.ConsoleUser user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.name()))
                .addRoles(user.role().granted())
                .build();
    }

    /** Checks a user name and password against the configured bcrypt hash. */
    @ApplicationScoped
    public static class ByPassword implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        private final UserDirectory users;

        public ByPassword(UserDirectory users) {
            this.users = users;
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            PasswordCredential password = request.getPassword();
            return context.runBlocking(() -> users.verify(request.getUsername(), password.getPassword())
                    .map(ConsoleIdentityProviders::identity)
                    .orElseThrow(AuthenticationFailedException::new));
        }
    }

    /** Restores the identity of a user whose session is already logged in. */
    @ApplicationScoped
    public static class BySession implements IdentityProvider<TrustedAuthenticationRequest> {

        private final UserDirectory users;

        public BySession(UserDirectory users) {
            this.users = users;
        }

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
            return users.find(request.getPrincipal())
                    .map(user -> Uni.createFrom().item(identity(user)))
                    .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException()));
        }
    }
}
