package lexicon

import "fmt"

func errorf(format string, a ...any) error { return fmt.Errorf("lexicon: "+format, a...) }
