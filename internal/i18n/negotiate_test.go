package i18n

import "testing"

func TestNegotiate(t *testing.T) {
	tests := []struct {
		name                                string
		explicit, acceptLanguage, community string
		want                                string
	}{
		{"explicit choice wins", "fr", "de-DE,de;q=0.9", "nl", "fr"},
		{"explicit regional variant", "nl-BE", "", "", "nl"},
		{"unsupported explicit falls through", "it", "sl-SI,sl;q=0.9", "nl", "sl"},
		{"garbage explicit falls through", "<script>", "de", "", "de"},
		{"accept-language beats community", "", "de-AT,en;q=0.5", "nl", "de"},
		{"accept-language second choice", "", "it-IT,fr;q=0.8", "nl", "fr"},
		{"q=0 means not wanted", "", "de;q=0,sl;q=0.3", "", "sl"},
		{"nothing acceptable uses community", "", "it,es;q=0.5", "sl", "sl"},
		{"wildcard leaves the community's choice", "", "*", "nl", "nl"},
		{"malformed header ignored", "", ";;;q=x", "fr", "fr"},
		{"community regional default", "", "", "de-CH", "de"},
		{"unsupported community default", "", "", "it", "en"},
		{"nothing at all is English", "", "", "", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Negotiate(tt.explicit, tt.acceptLanguage, tt.community); got != tt.want {
				t.Errorf("Negotiate(%q, %q, %q) = %q, want %q", tt.explicit, tt.acceptLanguage, tt.community, got, tt.want)
			}
		})
	}
}
