package store

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"mutua/internal/domain"
)

// The fast paths must give what encoding/json gives, or decline.
func TestPlainJSONAgreesWithEncodingJSON(t *testing.T) {
	lists := []string{
		`[]`, ` [ ] `, `["en"]`, `["en","nl"]`, `["en", "nl"]`, "[\n\t\"a\" ,\r\n\"b\"\n]",
		`["Šuštar","日本"]`, `["groceries","gardening"]`, `[""]`,
		// declined: escapes, other types, bad syntax, trailing data
		`["a\"b"]`, `["\u00e9"]`, `[1]`, `[null]`, `null`, `["a",]`, `["a" "b"]`, `["a"] x`, `["a"`, `[`, ``,
		"[\"\xff\"]",
	}
	for _, in := range lists {
		got, ok := plainStrings([]byte(in))
		var want []string
		err := json.Unmarshal([]byte(in), &want)
		if ok && (err != nil || !reflect.DeepEqual(got, want)) {
			t.Errorf("plainStrings(%q) = %q, encoding/json = %q, %v", in, got, want, err)
		}
		var scanned []string
		scanErr := jsonList{&scanned}.Scan(in)
		if (scanErr == nil) != (err == nil) || (err == nil && !reflect.DeepEqual(scanned, want)) {
			t.Errorf("jsonList.Scan(%q) = %q, %v; encoding/json = %q, %v", in, scanned, scanErr, want, err)
		}
	}
	for _, in := range []string{`["en","nl"]`, `["en", "nl"]`, `[]`} {
		if _, ok := plainStrings([]byte(in)); !ok {
			t.Errorf("plainStrings declined %q, the form the store reads most", in)
		}
	}

	slots := []string{
		`[]`, `[{"day":"tue","from":"09:00","to":"12:00"}]`,
		`[{"to": "12:00", "day": "tue", "from": "09:00"}, {"to": "24:00", "day": "sat", "from": "10:00"}]`,
		`[{"day":"mon"}]`, `[{"day":"mon","day":"sun"}]`,
		// declined
		`[{}]`, `[{"Day":"mon"}]`, `[{"day":"mon","note":"x"}]`, `[{"day":1}]`, `[{"day":"mon"},]`, `{"day":"mon"}`,
		`[{"day":"mon"} {"day":"tue"}]`, `[{"day" "mon"}]`,
	}
	for _, in := range slots {
		got, ok := plainSlots([]byte(in))
		var want []domain.Slot
		err := json.Unmarshal([]byte(in), &want)
		if ok && (err != nil || !reflect.DeepEqual(got, want)) {
			t.Errorf("plainSlots(%q) = %+v, encoding/json = %+v, %v", in, got, want, err)
		}
		var scanned []domain.Slot
		scanErr := slotList{&scanned}.Scan([]byte(in))
		if (scanErr == nil) != (err == nil) || (err == nil && !reflect.DeepEqual(scanned, want)) {
			t.Errorf("slotList.Scan(%q) = %+v, %v; encoding/json = %+v, %v", in, scanned, scanErr, want, err)
		}
	}
	for _, in := range slots[:5] {
		if _, ok := plainSlots([]byte(in)); !ok {
			t.Errorf("plainSlots declined %q", in)
		}
	}
}

// parseStoreTime must agree with time.Parse on every text it accepts, and
// accept every time the store writes.
func TestParseStoreTime(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	d := newDialect(dialectSQLite)
	for range 10000 {
		want := time.Unix(r.Int64N(1<<36)-1<<35, r.Int64N(1e9)).UTC().Truncate(time.Microsecond)
		s := d.timeArg(want).(string)
		got, ok := parseStoreTime(s)
		if !ok || !got.Equal(want) || got.Location() != time.UTC {
			t.Fatalf("parseStoreTime(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{
		"2030-02-29 10:00:00.000000+00:00", "2030-04-31 10:00:00.000000+00:00", "2030-13-01 10:00:00.000000+00:00",
		"2030-00-01 10:00:00.000000+00:00", "2030-01-00 10:00:00.000000+00:00", "2030-01-01 24:00:00.000000+00:00",
		"2030-01-01 10:60:00.000000+00:00", "2030-01-01 10:00:60.000000+00:00", "2030-01-01 10:00:00.000000+01:00",
		"2030-01-01T10:00:00.000000+00:00", "2030-01-01 10:00:00.00000a+00:00", "2030-01-01 10:00:00+00:00",
		"2028-02-29 23:59:59.999999+00:00", "0001-01-01 00:00:00.000000+00:00",
	} {
		got, ok := parseStoreTime(s)
		want, err := time.Parse(sqliteReadLayouts[0], s)
		if ok && (err != nil || !got.Equal(want)) {
			t.Errorf("parseStoreTime(%q) = %v, time.Parse = %v, %v", s, got, want, err)
		}
		var scanned time.Time
		if scanErr := (utc{&scanned}).Scan(s); err == nil && (scanErr != nil || !scanned.Equal(want)) {
			t.Errorf("utc.Scan(%q) = %v, %v; want %v", s, scanned, scanErr, want)
		}
	}
}

func BenchmarkScanJSONList(b *testing.B) {
	in := []byte(`["groceries", "transport", "gardening", "meals"]`)
	var list []string
	for b.Loop() {
		if err := (jsonList{&list}).Scan(in); err != nil {
			b.Fatal(err)
		}
	}
}
