package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
)

// RedactJSON returns doc with every JSON string value equal to one of
// values replaced by "" (object keys are left alone), and whether anything
// changed. When something changed, the document is written again token by
// token: keys keep their order and numbers their digits, white space goes.
// When nothing changed, or doc is not valid JSON (an error), doc comes back
// as it was. Empty values are ignored. Stores use it to erase a deleted
// user's addresses from event payloads.
func RedactJSON(doc json.RawMessage, values ...string) (json.RawMessage, bool, error) {
	values = slices.DeleteFunc(slices.Clone(values), func(v string) bool { return v == "" })
	if len(values) == 0 || len(doc) == 0 {
		return doc, false, nil
	}
	if !json.Valid(doc) {
		return doc, false, errors.New("storage: redact: the document is not valid JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var out bytes.Buffer
	changed := false
	// A frame is an open object or array; count is the number of tokens
	// written in it so far (in an object, keys and values alternate).
	type frame struct {
		object bool
		count  int
	}
	var stack []frame
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return doc, false, err
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			out.WriteByte(byte(d))
			continue
		}
		isKey := false
		if n := len(stack); n > 0 {
			f := &stack[n-1]
			if f.object {
				isKey = f.count%2 == 0
				switch {
				case isKey && f.count > 0:
					out.WriteByte(',')
				case !isKey:
					out.WriteByte(':')
				}
			} else if f.count > 0 {
				out.WriteByte(',')
			}
			f.count++
		}
		switch v := tok.(type) {
		case json.Delim:
			out.WriteByte(byte(v))
			stack = append(stack, frame{object: v == '{'})
		case string:
			if !isKey && slices.Contains(values, v) {
				v, changed = "", true
			}
			b, err := json.Marshal(v)
			if err != nil {
				return doc, false, err
			}
			out.Write(b)
		default:
			b, err := json.Marshal(v)
			if err != nil {
				return doc, false, err
			}
			out.Write(b)
		}
	}
	if !changed {
		return doc, false, nil
	}
	return out.Bytes(), true, nil
}
