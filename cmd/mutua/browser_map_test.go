package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
	"mutua/internal/i18n"
)

// The public map in a real browser, without tiles (the tests' servers run
// with -tile-url ""): the demo community's map draws its markers on a
// blank background above the list; zooming in on one point leaves in the
// list only what the map shows, and "Show all places" brings the rest
// back. Without JavaScript the list alone is the page.
func TestBrowserMap(t *testing.T) {
	ctx := newBrowser(t)
	base := startDemo(t)
	cat := catalog(t)
	en := cat.Translator("en")
	page := base + "/c/" + demo.Slug + "/map"

	navigate(t, ctx, page)
	for _, lang := range i18n.Languages() {
		submit(t, ctx, chromedp.CSS(`.language-switch button[value="`+lang+`"]`))
		tr := cat.Translator(lang)
		waitText(t, ctx, tr.T("map.intro", "Name", demo.Community.Name))
		waitText(t, ctx, tr.T("map.status.all", "Total", fmt.Sprint(mapCount(t, ctx, `[data-map-item]`))))
		checkPage(t, ctx, "")
	}
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="en"]`))
	waitText(t, ctx, en.T("map.title"))
	waitText(t, ctx, en.T("map.kind.initiative"))
	waitText(t, ctx, "Popravljalnica Žalec")
	total := mapCount(t, ctx, `[data-map-item]`)
	if total < 3 {
		t.Fatalf("the demo's map lists %d places, want at least 3", total)
	}
	if !read(t, ctx, "look at the map", chromedp.Evaluate[bool](
		`(a => a !== null && !a.hidden && a.querySelector(".leaflet-container") !== null)(document.querySelector("[data-map-area]"))`)) {
		t.Fatal("the map is not shown")
	}
	waitForJS(t, ctx, "markers on the map", `document.querySelectorAll("#map-view .leaflet-marker-icon").length > 0`)
	if n := mapCount(t, ctx, `#map-view .leaflet-marker-icon[tabindex]`); n != 0 {
		t.Errorf("%d markers are keyboard stops; the list is the keyboard's way", n)
	}
	if !read(t, ctx, "is the map a keyboard stop", chromedp.Evaluate[bool](`document.getElementById("map-view").tabIndex === 0`)) {
		t.Error("the map itself cannot be reached with the keyboard to pan and zoom it")
	}
	if got := mapCount(t, ctx, `[data-map-item]:not([hidden])`); got != total {
		t.Errorf("at first the list shows %d of %d places", got, total)
	}
	if name := read(t, ctx, "the map's name", chromedp.Evaluate[string](
		`document.getElementById("map-view").getAttribute("aria-label")`)); name != en.T("map.region") {
		t.Errorf("the map is named %q", name)
	}
	checkPage(t, ctx, "map")

	// Zoom in on the first place: places elsewhere leave the list.
	step(t, ctx, "zoom in on the first place", chromedp.Evaluate[chromedp.Void](`(li => {
		const at = L.latLng(parseFloat(li.dataset.lat), parseFloat(li.dataset.lng));
		document.getElementById("map-view").mutuaMap.fitBounds(L.latLngBounds(at, at).pad(0.0001), {animate: false, maxZoom: 19});
	})(document.querySelector("[data-map-item]"))`))
	waitForJS(t, ctx, "the list follows the map", `document.querySelectorAll("[data-map-item][hidden]").length > 0`)
	shown := mapCount(t, ctx, `[data-map-item]:not([hidden])`)
	if shown == 0 || shown >= total {
		t.Errorf("zoomed in, the list shows %d of %d places", shown, total)
	}
	if read(t, ctx, "is the first place shown", chromedp.Evaluate[bool](`document.querySelector("[data-map-item]").hidden`)) {
		t.Error("the place zoomed in on left the list")
	}
	want := en.T("map.status.view", "Shown", fmt.Sprint(shown), "Total", fmt.Sprint(total))
	waitText(t, ctx, want)
	// Every place out of view lies outside the map's bounds.
	if !read(t, ctx, "check the hidden places", chromedp.Evaluate[bool](`(() => {
		const map = document.getElementById("map-view").mutuaMap, view = map.getBounds();
		return [...document.querySelectorAll("[data-map-item]")].every(li =>
			li.hidden === !view.contains(L.latLng(parseFloat(li.dataset.lat), parseFloat(li.dataset.lng))));
	})()`)) {
		t.Error("the list does not match the map's view")
	}
	checkPage(t, ctx, "")

	step(t, ctx, "show all", chromedp.Click(button(en.T("map.show_all"))))
	waitForJS(t, ctx, "every place back", `document.querySelectorAll("[data-map-item][hidden]").length === 0`)
	waitText(t, ctx, en.T("map.status.all", "Total", fmt.Sprint(total)))

	// Filtered by kind with the form: initiatives only.
	chooseValue(t, ctx, en.T("map.filter.kind.label"), "initiative")
	submit(t, ctx, button(en.T("map.filter.submit")))
	waitText(t, ctx, "Popravljalnica Žalec")
	if n := mapCount(t, ctx, `[data-map-item]:not([data-kind="initiative"])`); n != 0 || mapCount(t, ctx, `[data-map-item]`) == 0 {
		t.Errorf("filtered to initiatives, the page lists %d places of other kinds", n)
	}
	checkPage(t, ctx, "")

	// Without JavaScript: the list, no map.
	plain := newBrowser(t, withoutJavaScript)
	navigate(t, plain, page)
	waitText(t, plain, "Popravljalnica Žalec")
	if read(t, plain, "look at the map", chromedp.Evaluate[bool](`!document.querySelector("[data-map-area]").hidden`)) {
		t.Error("without JavaScript the empty map is shown")
	}
}

// mapCount counts the elements matching a CSS selector.
func mapCount(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	return read(t, ctx, "count "+sel, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
}

// waitForJS waits until a JavaScript condition holds.
func waitForJS(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for !read(t, ctx, what, chromedp.Evaluate[bool](cond)) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: timed out", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
