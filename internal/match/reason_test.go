package match

import (
	"encoding/json"
	"testing"
)

func TestReasonJSON(t *testing.T) {
	cases := []struct {
		reason Reason
		want   string
	}{
		{Reason{Code: ReasonDistance, KM: 1.2}, `{"code":"distance","km":1.2}`},
		{Reason{Code: ReasonDistance}, `{"code":"distance","km":0}`},
		{Reason{Code: ReasonSkill, Category: "groceries"}, `{"code":"skill","category":"groceries"}`},
		{Reason{Code: ReasonSkill, Category: "digital_help", Tag: "Digital help"}, `{"code":"skill","category":"digital_help","tag":"Digital help"}`},
		{Reason{Code: ReasonLanguage, Language: "sl"}, `{"code":"language","language":"sl"}`},
		{Reason{Code: ReasonAvailable, Day: "tue", From: "09:00", To: "12:00"}, `{"code":"available","day":"tue","from":"09:00","to":"12:00"}`},
		{Reason{Code: ReasonLoad, Tasks: 2}, `{"code":"load","tasks":2}`},
		{Reason{Code: ReasonLoad}, `{"code":"load","tasks":0}`},
		{Reason{Code: ReasonRecord, Count: 5}, `{"code":"record","count":5}`},
		{Reason{Code: ReasonVetted}, `{"code":"vetted"}`},
	}
	for _, tc := range cases {
		b, err := json.Marshal(tc.reason)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tc.want {
			t.Errorf("%+v: got %s, want %s", tc.reason, b, tc.want)
		}
		var back Reason
		if err := json.Unmarshal(b, &back); err != nil || back != tc.reason {
			t.Errorf("%s decodes to %+v, %v", b, back, err)
		}
	}
}

func TestResultJSON(t *testing.T) {
	c := baseCandidate(42)
	c.Home = center
	got := Rank(baseRequest(), []Candidate{c}, 1)
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"volunteer_id":42,"score":0.925,"distance_km":0,"reasons":[` +
		`{"code":"distance","km":0},{"code":"skill","category":"groceries"},{"code":"language","language":"sl"},` +
		`{"code":"available","day":"tue","from":"09:00","to":"12:00"},{"code":"load","tasks":0}]}]`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
	if b, _ := json.Marshal(Rank(baseRequest(), nil, 1)); string(b) != "[]" {
		t.Fatalf("nobody encodes as %s", b)
	}
}

func TestFeedItemJSON(t *testing.T) {
	b, err := json.Marshal(FeedItem{RequestID: 9, DistanceKM: 0.4, Reasons: []Reason{{Code: ReasonDistance, KM: 0.4}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"request_id":9,"distance_km":0.4,"reasons":[{"code":"distance","km":0.4}]}`; string(b) != want {
		t.Fatalf("got %s, want %s", b, want)
	}
}
