package io.smoketrace.ui.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.smoketrace.ui.AuditEvent;
import io.smoketrace.ui.repository.AuditRepository;
import io.smoketrace.ui.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Administration: the audit log of every change made in the console. */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class AdminResource {

    private static final int PAGE = 200;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(Chrome chrome, List<AuditEvent> events, String object, int limit);
    }

    private final AuditRepository audit;
    private final Visitor visitor;

    public AdminResource(AuditRepository audit, Visitor visitor) {
        this.audit = audit;
        this.visitor = visitor;
    }

    @GET
    public Uni<TemplateInstance> auditLog(@QueryParam("object") String object) {
        Chrome chrome = visitor.chrome("admin");
        String filter = object == null ? "" : object.trim();
        return audit.latest(filter, PAGE).map(events -> Templates.audit(chrome, events, filter, PAGE));
    }
}
