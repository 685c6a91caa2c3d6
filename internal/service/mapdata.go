package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"mutua/internal/domain"
)

// MapDataStore reads the public points of the open map data.
type MapDataStore interface {
	// MapFeatures calls fn with every public point matching f, kind by
	// kind (initiatives, organisations, opportunities, requests) and by id
	// within a kind; open requests come at their approximate location.
	// The feature passed to fn is reused after fn returns.
	MapFeatures(ctx context.Context, f domain.MapFilter, fn func(*domain.MapFeature) error) error
}

// MaxMapSectorLen bounds the sector filter of the map data.
const MaxMapSectorLen = 60

// MapQuery narrows the open map data. Kind is one of domain.MapKinds or
// empty for all; Sector matches an initiative's or organisation's sector or
// an opportunity's or request's category; BBox is
// "minLon,minLat,maxLon,maxLat" or empty.
type MapQuery struct {
	Kind   string
	Sector string
	BBox   string
}

// MapFile is an encoded GeoJSON FeatureCollection and its entity tag. The
// body is held in pooled chunks rather than one growing buffer: a large map
// is megabytes, and doubling a buffer copies it several times over and
// keeps the garbage collector busy.
type MapFile struct {
	chunks [][]byte
	size   int
	// ETag is a strong entity tag, quoted, derived from the body.
	ETag string
}

// Size is the length of the body in bytes.
func (f *MapFile) Size() int { return f.size }

// WriteTo writes the body to w.
func (f *MapFile) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, c := range f.chunks {
		m, err := w.Write(c)
		n += int64(m)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// Bytes returns the body in one slice.
func (f *MapFile) Bytes() []byte {
	b := make([]byte, 0, f.size)
	for _, c := range f.chunks {
		b = append(b, c...)
	}
	return b
}

// Release hands the body's memory back for the next map; f is empty
// afterwards. Calling it is optional.
func (f *MapFile) Release() {
	for _, c := range f.chunks {
		mapChunks.Put(&c)
	}
	f.chunks, f.size = nil, 0
}

// mapChunkSize is the size of one chunk of a map file's body.
const mapChunkSize = 256 << 10

var mapChunks = sync.Pool{New: func() any {
	b := make([]byte, 0, mapChunkSize)
	return &b
}}

// MapData is the community's public points as an RFC 7946 GeoJSON
// FeatureCollection: approved initiatives and organisations,
// opportunities with an upcoming open shift and open requests, the latter
// at their approximate location only. Anyone may read it.
func (s *Service) MapData(ctx context.Context, slug string, q MapQuery) (MapFile, error) {
	a, err := s.reader(ctx, slug)
	if err != nil {
		return MapFile{}, err
	}
	return s.mapData(ctx, a.community.ID, q)
}

// InstanceMapData is MapData across every community of the instance; each
// feature names its community.
func (s *Service) InstanceMapData(ctx context.Context, q MapQuery) (MapFile, error) {
	return s.mapData(ctx, 0, q)
}

func (s *Service) mapData(ctx context.Context, communityID int64, q MapQuery) (MapFile, error) {
	f, err := mapFilter(q)
	if err != nil {
		return MapFile{}, err
	}
	f.CommunityID, f.Now = communityID, s.now()
	enc := geoJSONEncoder{hash: sha256.New()}
	enc.begin()
	if err := s.store.MapFeatures(ctx, f, enc.feature); err != nil {
		enc.file.Release()
		return MapFile{}, err
	}
	enc.end()
	sum := enc.hash.Sum(nil)
	enc.file.ETag = `"` + hex.EncodeToString(sum[:16]) + `"`
	return enc.file, nil
}

// mapFilter checks q and turns it into a store filter.
func mapFilter(q MapQuery) (domain.MapFilter, error) {
	var p domain.Problems
	f := domain.MapFilter{Kind: strings.TrimSpace(q.Kind), Sector: strings.TrimSpace(q.Sector)}
	if f.Kind != "" && !slices.Contains(domain.MapKinds, f.Kind) {
		p.Add("kind", "unknown", "choose initiative, organisation, opportunity or request")
	}
	if utf8.RuneCountInString(f.Sector) > MaxMapSectorLen {
		p.Add("sector", "length", "use at most 60 characters")
	}
	if strings.TrimSpace(q.BBox) != "" {
		b, ok := parseBBox(q.BBox)
		if ok {
			f.BBox = &b
		} else {
			p.Add("bbox", "range", "give minLon,minLat,maxLon,maxLat: longitudes within ±180, latitudes within ±90, minimum not above maximum")
		}
	}
	return f, p.Err()
}

// parseBBox reads "minLon,minLat,maxLon,maxLat". A box whose minimum lies
// above its maximum is refused rather than read as crossing the
// antimeridian.
func parseBBox(s string) (domain.BBox, bool) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return domain.BBox{}, false
	}
	var v [4]float64
	for i, part := range parts {
		n, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || n != n { // NaN never compares equal to itself
			return domain.BBox{}, false
		}
		v[i] = n
	}
	b := domain.BBox{MinLng: v[0], MinLat: v[1], MaxLng: v[2], MaxLat: v[3]}
	inLng := func(x float64) bool { return x >= -180 && x <= 180 }
	inLat := func(x float64) bool { return x >= -90 && x <= 90 }
	if !inLng(b.MinLng) || !inLng(b.MaxLng) || !inLat(b.MinLat) || !inLat(b.MaxLat) ||
		b.MinLng > b.MaxLng || b.MinLat > b.MaxLat {
		return domain.BBox{}, false
	}
	return b, true
}

// geoJSONEncoder writes a FeatureCollection by hand: for tens of thousands
// of small features, appending to reused buffers is several times faster
// than encoding/json and allocates almost nothing per feature. Each
// feature is built in buf, then copied into the file's chunks and hashed.
type geoJSONEncoder struct {
	buf   []byte
	count int
	file  MapFile
	hash  hash.Hash
}

func (e *geoJSONEncoder) begin() {
	e.write([]byte(`{"type":"FeatureCollection","features":[`))
}

func (e *geoJSONEncoder) end() {
	e.write([]byte("]}\n"))
}

// write appends p to the file, filling the last chunk before taking
// another.
func (e *geoJSONEncoder) write(p []byte) {
	e.hash.Write(p)
	e.file.size += len(p)
	for len(p) > 0 {
		n := len(e.file.chunks)
		if n == 0 || len(e.file.chunks[n-1]) == cap(e.file.chunks[n-1]) {
			c := mapChunks.Get().(*[]byte)
			e.file.chunks = append(e.file.chunks, (*c)[:0])
			n++
		}
		last := e.file.chunks[n-1]
		k := min(len(p), cap(last)-len(last))
		e.file.chunks[n-1] = append(last, p[:k]...)
		p = p[k:]
	}
}

// feature appends one Point feature; GeoJSON orders coordinates longitude
// first.
func (e *geoJSONEncoder) feature(f *domain.MapFeature) error {
	b := e.buf[:0]
	if e.count > 0 {
		b = append(b, ',')
	}
	e.count++
	b = append(b, `{"type":"Feature","geometry":{"type":"Point","coordinates":[`...)
	b = strconv.AppendFloat(b, f.Location.Lng, 'f', -1, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, f.Location.Lat, 'f', -1, 64)
	b = append(b, `]},"properties":{"kind":"`...)
	b = append(b, f.Kind...)
	b = append(b, `","id":`...)
	b = strconv.AppendInt(b, f.ID, 10)
	nameKey, sectorKey, page := `,"name":`, `,"sector":`, ""
	switch f.Kind {
	case domain.MapInitiative:
		page = "/directory/"
	case domain.MapOrganisation:
		page = "/organisations/"
	case domain.MapOpportunity:
		nameKey, sectorKey, page = `,"title":`, `,"category":`, "/opportunities/"
	case domain.MapRequest:
		// A request has no public page: the link goes to its community.
		nameKey, sectorKey = `,"title":`, `,"category":`
	}
	b = append(b, nameKey...)
	b = appendJSONString(b, f.Name)
	b = append(b, sectorKey...)
	b = appendJSONString(b, f.Sector)
	b = append(b, `,"community":`...)
	b = appendJSONString(b, f.CommunitySlug)
	b = append(b, `,"url":`...)
	// Slugs are lower-case letters, digits and dashes: nothing to escape.
	b = append(b, `"/c/`...)
	b = append(b, f.CommunitySlug...)
	if page != "" {
		b = append(b, page...)
		b = strconv.AppendInt(b, f.ID, 10)
	}
	b = append(b, '"')
	e.buf = append(b, "}}"...)
	e.write(e.buf)
	return nil
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced by U+FFFD, and U+2028
// and U+2029 escaped so the output is also safe as JavaScript.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			switch r {
			case utf8.RuneError:
				b = append(b, `\ufffd`...)
			default:
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
