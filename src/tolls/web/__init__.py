"""The web API (REST under ``/api/v1``), OGC API – Features (``/ogc``) and the dashboard (``/``).

>>> app = create_app(get_settings())  # doctest: +SKIP   (serve with uvicorn, or `tolls serve`)
"""

from tolls.web.app import create_app

__all__ = ["create_app"]
