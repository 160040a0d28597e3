package i18n_test

import (
	"errors"
	"fmt"

	"github.com/babillard/babillard/i18n"
)

func Example() {
	messages := i18n.MustCatalog(
		i18n.Entry{Code: "required", FR: "Ce champ est obligatoire.", EN: "This field is required."},
		i18n.Entry{Code: "too_long", FR: "Au plus %d caractères.", EN: "At most %d characters."},
	)
	v := messages.Validator()
	v.Add("title", "required")
	v.Add("salary", "too_long", 50)
	err := v.Err()

	var ve *i18n.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Printf("%s [%s] %s / %s\n", f.Field, f.Code, f.Message.FR, f.Message.EN)
		}
	}
	fmt.Println(errors.Is(err, i18n.ErrInvalid))
	// Output:
	// title [required] Ce champ est obligatoire. / This field is required.
	// salary [too_long] Au plus 50 caractères. / At most 50 characters.
	// true
}
