"""``python -m tolls.geo [OUT]`` builds the gazetteer (same as ``python -m tolls.geo.build``)."""

from tolls.geo.build import main

raise SystemExit(main())
