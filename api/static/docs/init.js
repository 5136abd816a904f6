// Start Swagger UI on our own spec; a file of its own so the page needs no inline script.
window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
