# scripts/funcs.awk - list the C function definitions of the files given:
# one line "FILE NAME FIRST LAST" per function, FIRST the line that names
# it and LAST its closing brace.  It reads the project's own style (kernel
# style: the definition starts in column 0, its opening and closing
# braces stand alone in column 0), which is all scripts/lint.sh needs.
FNR == 1 { cand = ""; infn = 0 }

# Inside a body: only the closing brace matters.
infn {
	if ($0 ~ /^}/) {
		print FILENAME, name, first, FNR
		infn = 0
	}
	next
}

# A candidate's header runs until "{" (a definition) or ";" (a declaration).
cand != "" {
	if ($0 ~ /^{/) {
		name = cand
		infn = 1
		cand = ""
	} else if ($0 ~ /;[ \t]*(\/\*.*)?$/ || $0 ~ /^}/ || $0 ~ /^#/) {
		cand = ""
	}
	if (cand == "" || infn)
		next
}

/^[A-Za-z_]/ {
	line = $0
	if (line ~ /^(typedef|enum|union|struct [A-Za-z_0-9]+ *\{|#)/)
		next
	if (line ~ /^(__printf|__attribute__|__init|__exit)[ \t(]/ && line !~ /\) *[A-Za-z_]/)
		next		# an attribute on a line of its own
	p = index(line, "(")
	if (!p)
		next
	pre = substr(line, 1, p - 1)
	if (pre ~ /=/)
		next		# an initialiser, not a function
	sub(/[ \t]+$/, "", pre)
	if (!match(pre, /[A-Za-z_][A-Za-z_0-9]*$/))
		next
	id = substr(pre, RSTART, RLENGTH)
	if (pre == id)
		next		# NAME(...) in column 0: a macro's use
	if (line ~ /;[ \t]*(\/\*.*)?$/)
		next		# a one-line declaration
	cand = id
	first = FNR
	if (line ~ /\{[ \t]*$/) {	# a definition on one line with its brace
		name = cand
		infn = 1
		cand = ""
	}
}
