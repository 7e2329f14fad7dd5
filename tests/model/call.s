.text
add	x19, x19, #1
bl	#8
mov	x9, x30
ldr	x4, [x2]
blr	x4
ret
ldp	x0, x1, [sp]
cmp	x20, x19
b.ne	#-12
