// Swagger UI over the app's own OpenAPI description. No validator badge: it would call a
// third-party server with our spec.
(function () {
  "use strict";
  var node = document.getElementById("swagger");
  if (!node || typeof SwaggerUIBundle !== "function") {
    return;
  }
  SwaggerUIBundle({
    url: node.getAttribute("data-spec"),
    domNode: node,
    validatorUrl: null,
    deepLinking: true,
    defaultModelsExpandDepth: 0,
  });
})();
