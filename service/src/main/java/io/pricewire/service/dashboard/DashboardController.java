package io.pricewire.service.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * {@code GET /} and {@code GET /dashboard}: the live dashboard's page; its script and style sheet are static resources
 * under {@code /dashboard/assets/} ({@code micronaut.router.static-resources.dashboard}), all from the jar, so the page
 * works offline. The page carries a strict Content-Security-Policy — only this origin's scripts, styles and
 * connections, no inline code — so nothing injected into a price or asset name could run. Hidden from
 * {@code /openapi.yml}: a page, not part of the JSON API.
 */
@Hidden
@Controller
class DashboardController {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** Read once: the page is a few KB and never changes while the jar runs. */
    private final byte[] page;

    DashboardController() {
        try (InputStream in = Objects.requireNonNull(
                DashboardController.class.getResourceAsStream("/dashboard/index.html"), "dashboard/index.html")) {
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(
            uris = {"/", "/dashboard"},
            produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> page() {
        return HttpResponse.ok(page)
                .contentType(MediaType.TEXT_HTML_TYPE)
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache");
    }
}
