package storage_test

import (
	"encoding/json"
	"testing"

	"github.com/babillard/babillard/storage"
)

func TestRedactJSON(t *testing.T) {
	for _, tc := range []struct {
		name, doc, want string
		values          []string
		changed         bool
	}{
		{"value", `{"email":"lea@example.com","n":1}`, `{"email":"","n":1}`, []string{"lea@example.com"}, true},
		{"nested and in arrays", `{"a":[{"x":"lea@example.com"},"keep",["lea@example.com"]],"b":{"c":"lea@example.com"}}`,
			`{"a":[{"x":""},"keep",[""]],"b":{"c":""}}`, []string{"lea@example.com"}, true},
		{"keys kept in order, numbers as written", `{ "z" : 2.50 , "a" : "x", "m": [1e3, true, null, "x"] }`,
			`{"z":2.50,"a":"","m":[1e3,true,null,""]}`, []string{"x"}, true},
		{"keys are not values", `{"lea@example.com":"v"}`, `{"lea@example.com":"v"}`, []string{"lea@example.com"}, false},
		{"whole strings only", `{"a":"lea@example.com.au","b":"Lea@example.com"}`, `{"a":"lea@example.com.au","b":"Lea@example.com"}`, []string{"lea@example.com"}, false},
		{"escaped in the document", `{"a":"l\u00e9a@example.com"}`, `{"a":""}`, []string{"léa@example.com"}, true},
		{"a bare string", `"lea@example.com"`, `""`, []string{"lea@example.com"}, true},
		{"empty values ignored", `{"a":""}`, `{"a":""}`, []string{""}, false},
		{"no values", `{"a":"x"}`, `{"a":"x"}`, nil, false},
		{"empty document", ``, ``, []string{"x"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, changed, err := storage.RedactJSON(json.RawMessage(tc.doc), tc.values...)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want || changed != tc.changed {
				t.Errorf("RedactJSON(%s, %q) = %s, %v; want %s, %v", tc.doc, tc.values, got, changed, tc.want, tc.changed)
			}
			if changed && !json.Valid(got) {
				t.Errorf("RedactJSON wrote invalid JSON: %s", got)
			}
		})
	}
	t.Run("invalid JSON", func(t *testing.T) {
		doc := json.RawMessage(`{"a":"x",`)
		got, changed, err := storage.RedactJSON(doc, "x")
		if err == nil || changed || string(got) != string(doc) {
			t.Errorf("RedactJSON(invalid) = %s, %v, %v; want the document unchanged and an error", got, changed, err)
		}
	})
}
