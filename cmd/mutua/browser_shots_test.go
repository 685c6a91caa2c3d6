package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// screenSize is a viewport the screenshots are taken at.
type screenSize struct {
	name          string
	width, height int64
	phone         bool
}

// screenSizes are a common phone and a small laptop. The desktop size comes
// last, so the browser is back in the scenarios' viewport afterwards.
var screenSizes = []screenSize{phone, desktop}

var (
	phone   = screenSize{"phone", 390, 844, true}
	desktop = screenSize{"desktop", 1280, 800, false}
)

// viewport emulates the size: a phone is a mobile device with touch, at
// device scale 1 so that screenshots stay small.
func (s screenSize) viewport() chromedp.Action[chromedp.Void] {
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1), chromedp.EmulateLandscape}
	if s.phone {
		opts = []chromedp.EmulateViewportOption{chromedp.EmulateScale(1), chromedp.EmulatePortrait,
			chromedp.EmulateMobile, chromedp.EmulateTouch}
	}
	return chromedp.EmulateViewport(s.width, s.height, opts...)
}

// screenshotDir is where screenshots go, under the repository root; the
// directory test-artifacts/ is ignored by git.
func screenshotDir(t *testing.T) string {
	return filepath.Join(repoRoot(t), "test-artifacts", "screenshots")
}

// checkPage is what every page of a scenario gets: the accessibility check
// and, when name is not "", screenshots.
func checkPage(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	axe(t, ctx)
	if name != "" {
		screenshot(t, ctx, name)
	}
}

// screenshot writes full-page PNGs of the current page at every screen
// size to test-artifacts/screenshots/<name>-<size>.png. The device scale
// is 1, which keeps the files small.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := screenshotDir(t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, size := range screenSizes {
		step(t, ctx, "resize to "+size.name, size.viewport())
		png := read(t, ctx, "screenshot "+name, chromedp.FullScreenshot(100))
		file := filepath.Join(dir, name+"-"+size.name+".png")
		if err := os.WriteFile(file, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
