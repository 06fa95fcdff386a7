// The event map: Leaflet over the vendored world-atlas country boundaries (offline); online tiles
// only when the server says a tile URL is configured.
import { h, fmtDateRange, fmtNumber } from "./dom.js";
import { session } from "./api.js";
import { gradeBadge } from "./labels.js";

let countries = null; // the parsed boundaries, fetched once per page load

async function loadCountries() {
  if (!countries) {
    countries = fetch("/static/vendor/world-atlas/countries-50m.json")
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`boundaries: HTTP ${r.status}`))))
      .then((topo) => window.topojson.feature(topo, topo.objects.countries));
  }
  return countries;
}

function popup(ev) {
  const f = ev.fatalities;
  return h(
    "div",
    { class: "popup" },
    h("a", { href: `#/events/${encodeURIComponent(ev.id)}`, class: "popup-title" }, ev.type || "Event"),
    h("div", { class: "muted" }, fmtDateRange(ev.date_start, ev.date_end), ev.location ? ` · ${ev.location.name}` : ""),
    f ? h("div", {}, `Killed: ${fmtNumber(f.low)}–${fmtNumber(f.high)} (best ${fmtNumber(f.best)})`) : null,
    h("div", { class: "popup-badges" }, gradeBadge(ev), ev.contested ? h("span", { class: "badge contested" }, "contested") : null),
    ev.grade_reasons && ev.grade_reasons.length ? h("div", { class: "muted popup-reason" }, ev.grade_reasons[0]) : null,
  );
}

/** Render the map into `el`; returns {update(events)}. */
export function createMap(el, { onSelect } = {}) {
  const L = window.L;
  const map = L.map(el, { worldCopyJump: true, zoomSnap: 0.5, attributionControl: Boolean(session.tile_url) });
  map.setView([32, 66], 4);
  if (session.tile_url) {
    L.tileLayer(session.tile_url, { maxZoom: 18, attribution: "map tiles" }).addTo(map);
  }
  // Boundaries arrive after the markers (an async fetch): in a pane of their own under the
  // overlay pane, or they would be drawn over every marker on land.
  map.createPane("boundaries").style.zIndex = 350;
  const base = L.geoJSON(null, {
    pane: "boundaries",
    interactive: false,
    style: { color: "#ffffff", weight: 0.8, fillColor: "#dcd8cf", fillOpacity: session.tile_url ? 0 : 1 },
  }).addTo(map);
  loadCountries()
    .then((fc) => base.addData(fc))
    .then(() => el.classList.add("boundaries-loaded"))
    .catch((err) => console.warn(err.message));
  const markers = L.layerGroup().addTo(map);

  function update(events) {
    markers.clearLayers();
    const points = [];
    for (const ev of events) {
      const loc = ev.location;
      if (!loc || loc.lat === null || loc.lat === undefined || loc.lon === null || loc.lon === undefined) continue;
      const best = ev.fatalities ? ev.fatalities.best || 0 : 0;
      const marker = L.circleMarker([loc.lat, loc.lon], {
        radius: 5 + Math.min(20, Math.sqrt(best) * 1.6),
        color: "#ffffff",
        weight: 1.5,
        fillColor: ev.contested ? "#D55E00" : "#0072B2",
        fillOpacity: 0.85,
        className: ev.contested ? "marker contested" : "marker",
      });
      marker.bindTooltip(h("span", {}, `${ev.type || "Event"} · ${loc.name || ""} · ${fmtDateRange(ev.date_start, ev.date_end)}`));
      marker.bindPopup(() => popup(ev));
      if (onSelect) marker.on("dblclick", () => onSelect(ev));
      marker.addTo(markers);
      points.push([loc.lat, loc.lon]);
    }
    if (points.length) map.fitBounds(points, { padding: [40, 40], maxZoom: 7 });
    return points.length;
  }

  return { map, update, invalidate: () => map.invalidateSize() };
}
