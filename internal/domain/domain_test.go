package domain

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrorIsMatchesByCode(t *testing.T) {
	wrapped := fmt.Errorf("store: %w", &Error{Kind: KindNotFound, Code: "not_found", Err: errors.New("no rows")})
	if !errors.Is(wrapped, ErrNotFound) {
		t.Fatal("a wrapped not_found error is not ErrNotFound")
	}
	if errors.Is(wrapped, ErrDuplicate) {
		t.Fatal("not_found matched ErrDuplicate")
	}
	if KindOf(wrapped) != KindNotFound || KindOf(errors.New("x")) != KindInternal {
		t.Fatal("KindOf misclassifies")
	}
}

func TestRegistrationValidate(t *testing.T) {
	cases := []struct {
		name   string
		reg    Registration
		fields []string
	}{
		{"ok", Registration{Email: "ana@example.org", Password: "long enough pw", Name: "Ana"}, nil},
		{"bad email", Registration{Email: "ana@", Password: "long enough pw", Name: "Ana"}, []string{"email"}},
		{"display name", Registration{Email: "Ana <ana@example.org>", Password: "long enough pw", Name: "Ana"}, []string{"email"}},
		{"no dot in domain", Registration{Email: "ana@localhost", Password: "long enough pw", Name: "Ana"}, []string{"email"}},
		{"short password", Registration{Email: "ana@example.org", Password: "short", Name: "Ana"}, []string{"password"}},
		{"everything wrong", Registration{Email: "x", Password: strings.Repeat("p", 129), Name: "", Language: "english!"},
			[]string{"email", "password", "name", "language"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.reg.Normalize()
			err := tc.reg.Validate()
			var de *Error
			if tc.fields == nil {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if !errors.As(err, &de) || de.Kind != KindInvalid {
				t.Fatalf("err = %v, want invalid", err)
			}
			var got []string
			for _, f := range de.Fields {
				got = append(got, f.Field)
			}
			if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Fatalf("fields %v, want %v", got, tc.fields)
			}
		})
	}
}

func TestCommunityValidate(t *testing.T) {
	good := Community{Slug: "zalec", Name: "Žalec", Languages: []string{"sl", "en"}, Center: Point{46.25, 15.16}, RadiusKM: 10}
	good.Normalize()
	if err := good.Validate(); err != nil {
		t.Fatalf("valid community refused: %v", err)
	}
	if len(good.Categories) != len(Categories) {
		t.Fatalf("default categories = %d, want all %d", len(good.Categories), len(Categories))
	}
	bad := []Community{
		{Slug: "-x", Name: "n", Languages: []string{"en"}, RadiusKM: 1},
		{Slug: "api", Name: "n", Languages: []string{"en"}, RadiusKM: 1},
		{Slug: "ok", Name: "", Languages: []string{"en"}, RadiusKM: 1},
		{Slug: "ok", Name: "n", Languages: nil, RadiusKM: 1},
		{Slug: "ok", Name: "n", Languages: []string{"en", "en"}, RadiusKM: 1},
		{Slug: "ok", Name: "n", Languages: []string{"en"}, RadiusKM: 0},
		{Slug: "ok", Name: "n", Languages: []string{"en"}, RadiusKM: 1, Center: Point{Lat: 91}},
		{Slug: "ok", Name: "n", Languages: []string{"en"}, RadiusKM: 1, Categories: []string{"weapons"}},
	}
	for i, c := range bad {
		if err := c.Validate(); KindOf(err) != KindInvalid {
			t.Errorf("case %d: %+v accepted (err %v)", i, c, err)
		}
	}
}

func TestVolunteerSkillsNormalizeToCategories(t *testing.T) {
	v := Volunteer{Skills: []string{" Digital help", "digital_help", "Pet-care", "Knitting"}}
	v.Normalize()
	if strings.Join(v.Skills, ",") != "digital_help,pet-care,knitting" {
		t.Fatalf("skills %v", v.Skills)
	}
	if !v.HasCategory("digital_help") {
		t.Fatal("free text naming a category does not count as the category")
	}
}
