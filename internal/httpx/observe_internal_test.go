package httpx

import "testing"

func TestLoggedPathHidesTokens(t *testing.T) {
	cases := []struct{ path, pattern, want string }{
		{"/invite/s3cr3t", "GET /invite/{token}", "/invite/{token}"},
		{"/c/demo/calendar/s3cr3t.ics", "GET /c/{slug}/calendar/{token...}", "/c/{slug}/calendar/{token...}"},
		{"/c/demo/requests/7", "GET /c/{slug}/requests/{id}", "/c/demo/requests/7"},
		{"/nowhere", "unmatched", "/nowhere"},
	}
	for _, tc := range cases {
		if got := loggedPath(tc.path, tc.pattern); got != tc.want {
			t.Errorf("loggedPath(%q, %q) = %q, want %q", tc.path, tc.pattern, got, tc.want)
		}
	}
}
