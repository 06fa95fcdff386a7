"""One router per resource; :func:`tolls.web.app.create_app` includes them all."""
