package service

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
)

// DirectoryCSVHeader names the columns of the directory's CSV download.
var DirectoryCSVHeader = []string{"kind", "id", "name", "sector", "description", "address", "lat", "lng",
	"website", "contact", "opening_times", "languages"}

// CSV writes the export's directory entries, one row each after a header
// row, UTF-8. Languages are joined with "; ". A cell that a spreadsheet
// would run as a formula is neutralised (see csvSafe).
func (x DirectoryExport) CSV() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(DirectoryCSVHeader); err != nil {
		return nil, err
	}
	for _, e := range x.Entries {
		rec := []string{e.Kind, EntryExportID(e), e.Name, e.Sector, e.Description, e.Address,
			strconv.FormatFloat(e.Location.Lat, 'f', -1, 64), strconv.FormatFloat(e.Location.Lng, 'f', -1, 64),
			e.Website, e.Contact, e.OpeningTimes, strings.Join(e.Languages, "; ")}
		for i := range rec {
			rec[i] = csvSafe(rec[i])
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// csvSafe guards against CSV injection: a cell starting with = + - @ (or
// a tab or carriage return, which some spreadsheets skip before reading
// a formula) gets a leading apostrophe, so that a spreadsheet shows it as
// text instead of running it. Numbers written by CSV itself (a negative
// longitude) are left as they are.
func csvSafe(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}
