package service

import (
	"encoding/csv"
	"strings"
	"testing"

	"mutua/internal/domain"
)

func TestSplitAddress(t *testing.T) {
	for _, c := range []struct{ in, a1, city, postal string }{
		{"Šlandrov trg 1, Žalec", "Šlandrov trg 1", "Žalec", ""},
		{"Šlandrov trg 1, 3310 Žalec", "Šlandrov trg 1", "Žalec", "3310"},
		{"Oudegracht 12, 3511 AB Utrecht", "Oudegracht 12", "Utrecht", "3511 AB"},
		{"Rue Haute 3, 1000 Bruxelles", "Rue Haute 3", "Bruxelles", "1000"},
		{"Hauptstraße 5, 10115", "Hauptstraße 5", "10115", ""},
		{"Main square 1", "Main square 1", "", ""},
		{", Žalec", "Žalec", "", ""},
		{"Street 2, - Town", "Street 2", "- Town", ""},
		{"", "", "", ""},
	} {
		a1, city, postal := splitAddress(c.in)
		if a1 != c.a1 || city != c.city || postal != c.postal {
			t.Errorf("splitAddress(%q) = %q, %q, %q; want %q, %q, %q", c.in, a1, city, postal, c.a1, c.city, c.postal)
		}
	}
}

func TestContactKinds(t *testing.T) {
	for s, want := range map[string][2]bool{
		"info@example.org":              {true, false},
		"Info <info@example.org>":       {false, false},
		"+386 1 234 5678":               {false, true},
		"(030) 123-45.67":               {false, true},
		"call 01 234 5678":              {false, false},
		"1234":                          {false, false},
		"ask at the bar, info@x.org":    {false, false},
		"+386 1 234 5678 / 040 123 456": {false, false},
	} {
		if got := [2]bool{isEmail(s), isPhone(s)}; got != want {
			t.Errorf("%q: email, phone = %v, want %v", s, got, want)
		}
	}
}

func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+SUM(A1)": "'+SUM(A1)", "-2+3": "'-2+3", "@cmd": "'@cmd", "\t=1": "'\t=1",
		"-14.5": "-14.5", "Food bank": "Food bank", "": "", "a=b": "a=b",
	} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestExportShapesWithoutEntries: an empty directory is a header row and
// empty arrays, never null.
func TestExportShapesWithoutEntries(t *testing.T) {
	x := DirectoryExport{Community: domain.Community{Slug: "alpha"}}
	h := x.HSDS()
	if h.Organizations == nil || h.Services == nil || h.Locations == nil || h.Version != "3.0" {
		t.Errorf("empty export %+v", h)
	}
	b, err := x.CSV()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil || len(rows) != 1 || strings.Join(rows[0], ",") != strings.Join(DirectoryCSVHeader, ",") {
		t.Errorf("empty CSV %q (%v)", b, err)
	}
}
