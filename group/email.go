package group

import (
	_ "embed"
	"net/mail"
	"strings"
	"sync"
)

//go:embed freemail_domains.txt
var freeMailList string

// freeMailDomains is the embedded list as a set, built at first use and
// never modified.
var freeMailDomains = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 14000)
	for line := range strings.Lines(freeMailList) {
		if d := strings.TrimSpace(line); d != "" {
			set[d] = struct{}{}
		}
	}
	return set
})

// IsFreeMailDomain reports whether domain, or a domain it belongs to, is a
// free or disposable webmail domain of the embedded list (about 13,400
// domains: gmail.com, hotmail.ca, videotron.ca, yahoo.fr…). The list's source
// and licence are in freemail_NOTICE.md beside this file. Hosts replace or
// extend it with Options.IsFreeMail.
func IsFreeMailDomain(domain string) bool {
	set := freeMailDomains()
	domain = strings.TrimSuffix(strings.ToLower(domain), ".")
	for {
		if _, ok := set[domain]; ok {
			return true
		}
		i := strings.IndexByte(domain, '.')
		if i < 0 || strings.IndexByte(domain[i+1:], '.') < 0 {
			return false // never test a bare top-level domain
		}
		domain = domain[i+1:]
	}
}

// NormalizeEmail checks the shape of an e-mail address and returns it in
// lower case without surrounding space. It accepts a bare address only
// ("name@example.com", no display name) with a domain of at least two
// labels; it answers the catalog code of the fault otherwise
// ("email.required" or "email.format").
func NormalizeEmail(s string) (email, code string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", "email.required"
	}
	if len(s) > 254 || strings.ContainsAny(s, " <>\"(),;:\\[]") {
		return "", "email.format"
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s {
		return "", "email.format"
	}
	local, domain, ok := strings.Cut(strings.ToLower(s), "@")
	if !ok || local == "" || len(local) > 64 || !validDomain(domain) {
		return "", "email.format"
	}
	return local + "@" + domain, ""
}

func validDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 || len(d) > 253 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r > 127) {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	return len(tld) >= 2 && !strings.ContainsAny(tld, "0123456789")
}

func emailDomain(email string) string {
	_, d, _ := strings.Cut(email, "@")
	return d
}
