package auth

import (
	"bytes"
	"strings"
	"testing"

	"mutua/internal/domain"
)

func TestHashAndVerify(t *testing.T) {
	h := NewHasher(FastArgon2)
	enc, err := h.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q is not PHC argon2id with the given parameters", enc)
	}
	if ok, err := h.Verify("correct horse battery", enc); !ok || err != nil {
		t.Fatalf("right password refused: %v %v", ok, err)
	}
	if ok, _ := h.Verify("correct horse batterY", enc); ok {
		t.Fatal("wrong password accepted")
	}
	// A hasher with other parameters still verifies old hashes: the
	// parameters travel inside the hash.
	if ok, _ := NewHasher(DefaultArgon2).Verify("correct horse battery", enc); !ok {
		t.Fatal("hash not verifiable after a parameter change")
	}
	again, _ := h.Hash("correct horse battery")
	if again == enc {
		t.Fatal("two hashes of one password are equal: no salt")
	}
}

func TestVerifyMalformed(t *testing.T) {
	h := NewHasher(FastArgon2)
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=64,t=0,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=64,t=1,p=1$!!$a2V5"} {
		if ok, err := h.Verify("x", bad); ok || err != ErrMalformedHash {
			t.Errorf("Verify(%q) = %v, %v; want false, ErrMalformedHash", bad, ok, err)
		}
	}
}

func TestTokens(t *testing.T) {
	a, ha, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := NewToken()
	if a == b || len(a) < 40 {
		t.Fatalf("tokens %q and %q: not unique or too short", a, b)
	}
	if !bytes.Equal(ha, HashToken(a)) || bytes.Equal(ha, HashToken(b)) {
		t.Fatal("HashToken does not identify its token")
	}
}

func TestPermissionTable(t *testing.T) {
	cases := []struct {
		role domain.Role
		perm domain.Permission
		want bool
	}{
		{domain.RoleMember, domain.PermViewCommunity, true},
		{domain.RoleMember, domain.PermViewMembers, false},
		{domain.RoleVolunteer, domain.PermGrantRoles, false},
		{domain.RoleCoordinator, domain.PermViewMembers, true},
		{domain.RoleCoordinator, domain.PermEditCommunity, false},
		{domain.RoleAdmin, domain.PermEditCommunity, true},
		{"", domain.PermViewCommunity, false},
	}
	for _, tc := range cases {
		if got := Can(tc.role, tc.perm); got != tc.want {
			t.Errorf("Can(%q, %q) = %v, want %v", tc.role, tc.perm, got, tc.want)
		}
	}
	if CanGrant(domain.RoleCoordinator, domain.RoleAdmin) || CanGrant(domain.RoleCoordinator, domain.RoleCoordinator) {
		t.Error("a coordinator may make coordinators or admins")
	}
	if !CanGrant(domain.RoleCoordinator, domain.RoleVolunteer) || !CanGrant(domain.RoleAdmin, domain.RoleAdmin) {
		t.Error("grants the product relies on are missing")
	}
	for _, r := range domain.Roles {
		if len(PermissionsOf(r)) == 0 {
			t.Errorf("role %s has no permissions in the table", r)
		}
	}
}
