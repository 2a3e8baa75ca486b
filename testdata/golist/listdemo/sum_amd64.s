#include "textflag.h"

// func sumAsm(b []byte) int
TEXT ·sumAsm(SB), NOSPLIT, $0-32
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), CX
	XORQ AX, AX
	XORQ DX, DX
loop:
	CMPQ CX, $0
	JEQ done
	MOVBQZX (SI), DX
	ADDQ DX, AX
	INCQ SI
	DECQ CX
	JMP loop
done:
	MOVQ AX, ret+24(FP)
	RET
