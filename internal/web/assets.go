package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"
)

//go:embed static
var staticFiles embed.FS

// vendored are the front-end libraries the pages load. They come from npm
// at build time (scripts/vendor.sh, run by make) and are not committed, so a
// build without that step must fail at start with the way out, not serve
// pages whose scripts are missing.
var vendored = []string{"vendor/htmx/htmx.min.js", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css"}

// assetPrefix is where static files are served: /static/<hash>/<name>.
const assetPrefix = "/static/"

// asset is one static file held in memory with the hash of its content.
type asset struct {
	hash        string
	content     []byte
	contentType string
}

// assets serves embedded static files under URLs that contain a hash of
// their content. A new version of a file gets a new URL, so browsers may keep
// every version forever (immutable) and still never see a stale one.
type assets struct {
	byName map[string]*asset
}

// newAssets reads every file under root in fsys; names are relative to root,
// such as "css/mutua.css".
func newAssets(fsys fs.FS, root string) (*assets, error) {
	a := &assets{byName: map[string]*asset{}}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = http.DetectContentType(content)
		}
		name := p[len(root)+1:]
		a.byName[name] = &asset{hash: contentHash(content), content: content, contentType: ctype}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: read static files: %w", err)
	}
	return a, nil
}

// contentHash is the first 64 bits of the SHA-256 of content, in hex: short
// enough for tidy URLs, long enough that two versions of a file never share
// one.
func contentHash(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:8])
}

// URL returns the hashed URL of the named file. Templates call it through
// the "asset" function; an unknown name fails the render, which the tests
// of every page catch.
func (a *assets) URL(name string) (string, error) {
	f, ok := a.byName[name]
	if !ok {
		return "", fmt.Errorf("web: no static file %q", name)
	}
	return assetPrefix + f.hash + "/" + name, nil
}

// serve answers GET /static/{hash}/{name...}.
func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	f, ok := a.byName[r.PathValue("name")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	if r.PathValue("hash") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		// A page rendered by an older or newer replica during a rolling
		// upgrade asks for another version. Serving what we have keeps that
		// page styled; no-cache keeps the mismatch from being stored.
		h.Set("Cache-Control", "no-cache")
	}
	h.Set("Content-Type", f.contentType)
	h.Set("ETag", `"`+f.hash+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.content))
}

// require reports the first of names that is not among the assets.
func (a *assets) require(names ...string) error {
	for _, n := range names {
		if _, ok := a.byName[n]; !ok {
			return fmt.Errorf("web: static/%s is missing: run `make vendor` (scripts/vendor.sh) before building", n)
		}
	}
	return nil
}

// favicon sends browsers that ask for /favicon.ico on their own to the logo.
func (p *Pages) favicon(w http.ResponseWriter, r *http.Request) {
	url, err := p.assets.URL(logoAsset)
	if err != nil {
		p.notFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.Redirect(w, r, url, http.StatusFound)
}
