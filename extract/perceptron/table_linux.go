package perceptron

import (
	"syscall"
	"unsafe"
)

// MakeTable returns a zeroed slice of n elements for a large weight
// table that is read at random, as scoring reads the rows of features.
// On Linux it asks the kernel to back the slice with huge pages (where
// transparent huge pages are enabled for madvise, as is common): with
// 4 KiB pages nearly every read of a table of tens of megabytes also
// misses the TLB. Advice the kernel rejects is harmless and ignored.
func MakeTable[T any](n int) []T {
	s := make([]T, n)
	if n == 0 {
		return s
	}
	// The slice is fresh from the allocator: for a large one, pages not
	// yet touched, so the advice applies when they are first written.
	b := unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), uintptr(n)*unsafe.Sizeof(s[0]))
	const huge = 2 << 20
	base := uintptr(unsafe.Pointer(&b[0]))
	beg := (base + huge - 1) &^ (huge - 1)        // first huge page boundary in s
	end := (base + uintptr(len(b))) &^ (huge - 1) // last one
	if beg < end {
		syscall.Madvise(b[beg-base:end-base], syscall.MADV_HUGEPAGE)
	}
	return s
}
