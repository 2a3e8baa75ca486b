#include "textflag.h"

// func sumAsm(b []byte) int
TEXT ·sumAsm(SB), NOSPLIT, $0-32
	MOVD b_base+0(FP), R0
	MOVD b_len+8(FP), R1
	MOVD $0, R2
loop:
	CBZ R1, done
	MOVBU.P 1(R0), R3
	ADD R3, R2, R2
	SUB $1, R1, R1
	B loop
done:
	MOVD R2, ret+24(FP)
	RET
