// The API documentation page: Swagger UI over our OpenAPI document (no inline script: CSP).
/* global SwaggerUIBundle */
(function () {
  "use strict";
  const root = document.getElementById("api-docs");
  if (!root || typeof SwaggerUIBundle !== "function") {
    return;
  }
  SwaggerUIBundle({
    url: root.dataset.specUrl,
    domNode: root,
    deepLinking: true,
    tryItOutEnabled: false,
  });
})();
