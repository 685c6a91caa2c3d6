package api

import (
	"bytes"
	"encoding/csv"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// ImpactCSV writes a monthly report as CSV: month, category ("all" for
// every category together), then one column per figure in
// domain.ImpactColumns order. Suppressed cells read "<5"; missing ones are
// empty. The web dashboard links here, so both share this one encoding.
func ImpactCSV(rep service.ImpactReport) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	header := append([]string{"month", "category"}, domain.ImpactColumns...)
	if err := w.Write(header); err != nil {
		return nil, err
	}
	row := func(month, category string, c domain.ImpactCells) error {
		rec := []string{month, category}
		for _, cell := range c.List() {
			rec = append(rec, csvCell(cell))
		}
		return w.Write(rec)
	}
	for _, m := range rep.Months {
		if err := row(m.Month, "all", m.Total); err != nil {
			return nil, err
		}
		for _, c := range m.Categories {
			if err := row(m.Month, c.Category, c.Cells); err != nil {
				return nil, err
			}
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

func csvCell(c domain.StatCell) string {
	if c.Missing {
		return ""
	}
	return c.String()
}
