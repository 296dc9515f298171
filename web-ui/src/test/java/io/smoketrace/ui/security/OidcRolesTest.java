package io.smoketrace.ui.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcRolesTest {

    private static final Map<String, Role> MAPPING = OidcRoles.parse(Map.of("noc", "viewer", "noc-oncall", "operator",
            "netops-leads", "admin"));

    @Test
    void theHighestMappedGroupWinsAndUnmappedGroupsGiveNothing() {
        assertThat(OidcRoles.roleOf(MAPPING, List.of("noc", "noc-oncall", "staff"))).contains(Role.OPERATOR);
        assertThat(OidcRoles.roleOf(MAPPING, List.of("/netops-leads"))).contains(Role.ADMIN);
        assertThat(OidcRoles.roleOf(MAPPING, List.of("staff", "/ops/noc"))).isEmpty();
        assertThat(OidcRoles.roleOf(MAPPING, List.of())).isEmpty();
    }

    @Test
    void anUnknownRoleInTheMappingNamesTheKey() {
        assertThatThrownBy(() -> OidcRoles.parse(Map.of("noc", "superuser")))
                .hasMessageContaining("smoketrace.ui.oidc.role-mapping.\"noc\"").hasMessageContaining("unknown role 'superuser'");
    }

    @Test
    void groupsAreReadFromListsStringsAndNestedClaims() {
        assertThat(OidcRoles.groupsIn(Map.of("groups", List.of("noc", "\"staff\"")), "groups")).containsExactly("noc", "staff");
        assertThat(OidcRoles.groupsIn(Map.of("groups", "noc, staff"), "groups")).containsExactly("noc", "staff");
        assertThat(OidcRoles.groupsIn(Map.of("realm_access", Map.of("roles", List.of("noc"))), "realm_access/roles"))
                .containsExactly("noc");
        assertThat(OidcRoles.groupsIn(Map.of("other", "x"), "groups")).isEmpty();
        assertThat(OidcRoles.groupsIn(Map.of("realm_access", "x"), "realm_access/roles")).isEmpty();
    }
}
