package api_test

import (
	"encoding/json"
	"testing"

	"mutua/internal/service"
)

// TestNotificationPreferences: each person chooses per kind of email;
// what must always arrive cannot be turned off, and nonsense is refused
// by name.
func TestNotificationPreferences(t *testing.T) {
	w := newWorld(t, service.Options{})
	w.run(t, []scenario{
		{name: "nobody", method: "GET", path: "/api/v1/me/notifications", status: 401},
		{name: "defaults", actor: "member", method: "GET", path: "/api/v1/me/notifications", status: 200,
			want: []string{`{"kind":"message","mode":"immediate","critical":false}`, `{"kind":"assignment_proposed","mode":"immediate","critical":true}`}},
		{name: "choose", actor: "member", method: "PUT", path: "/api/v1/me/notifications",
			body: `{"prefs":{"message":"digest","welcome":"off"}}`, status: 200,
			want: []string{`{"kind":"message","mode":"digest"`, `{"kind":"welcome","mode":"off"`, `{"kind":"shift_reminder","mode":"immediate"`}},
		{name: "kept", actor: "member", method: "GET", path: "/api/v1/me/notifications", status: 200,
			want: []string{`{"kind":"message","mode":"digest"`}},
		{name: "only mine", actor: "vol", method: "GET", path: "/api/v1/me/notifications", status: 200,
			want: []string{`{"kind":"message","mode":"immediate"`}},
		{name: "a critical kind off", actor: "member", method: "PUT", path: "/api/v1/me/notifications",
			body: `{"prefs":{"assignment_proposed":"off"}}`, status: 422, want: []string{"prefs.assignment_proposed", "critical"}},
		{name: "an unknown kind", actor: "member", method: "PUT", path: "/api/v1/me/notifications",
			body: `{"prefs":{"postcards":"off"}}`, status: 422, want: []string{"prefs.postcards"}},
		{name: "an unknown mode", actor: "member", method: "PUT", path: "/api/v1/me/notifications",
			body: `{"prefs":{"message":"weekly"}}`, status: 422, want: []string{"prefs.message"}},
		{name: "the digest in the digest", actor: "member", method: "PUT", path: "/api/v1/me/notifications",
			body: `{"prefs":{"digest":"digest"}}`, status: 422, want: []string{"prefs.digest"}},
	})
	// A refused change changes nothing, not even its valid parts.
	w.run(t, []scenario{{name: "half bad", actor: "member", method: "PUT", path: "/api/v1/me/notifications",
		body: `{"prefs":{"message":"off","postcards":"off"}}`, status: 422}})
	body := w.mustDo(t, "member", "GET", "/api/v1/me/notifications", "", 200)
	var prefs []service.NotificationPref
	if err := json.Unmarshal([]byte(body), &prefs); err != nil {
		t.Fatal(err)
	}
	for _, p := range prefs {
		if p.Kind == "message" && p.Mode != "digest" {
			t.Errorf("a refused change altered message to %s", p.Mode)
		}
	}
}
