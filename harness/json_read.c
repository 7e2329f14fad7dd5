// SPDX-License-Identifier: GPL-2.0
/*
 * A strict JSON reader (RFC 8259) into a small tree, for the run directory's
 * own files when a run is resumed (meta.json). Input may be anything a
 * crash, a user or another version left: every byte is checked, nesting is
 * bounded (FTB_JSON_MAX_DEPTH, the writer's own limit), strings hold no NUL
 * after unescaping (other bytes pass through as they are), numbers keep
 * their text so that writing the tree back gives the same numbers. Errors
 * name the byte offset.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/internal.h"

struct reader {
	const char *s;
	size_t len, pos;
	char *err;
	size_t errlen;
};

static int fail(struct reader *rd, const char *what)
{
	ftb_errf(rd->err, rd->errlen, "%s at byte %zu", what, rd->pos);
	return -EINVAL;
}

static void skip_space(struct reader *rd)
{
	while (rd->pos < rd->len && strchr(" \t\r\n", rd->s[rd->pos]) &&
	       rd->s[rd->pos])
		rd->pos++;
}

static int peek(const struct reader *rd)
{
	return rd->pos < rd->len ? (unsigned char)rd->s[rd->pos] : -1;
}

static int literal(struct reader *rd, const char *word)
{
	size_t n = strlen(word);

	if (rd->len - rd->pos < n || memcmp(rd->s + rd->pos, word, n) != 0)
		return fail(rd, "unknown literal");
	rd->pos += n;
	return 0;
}

static int hex4(struct reader *rd, unsigned int *cp)
{
	*cp = 0;
	for (int i = 0; i < 4; i++) {
		int c = peek(rd);

		*cp <<= 4;
		if (c >= '0' && c <= '9')
			*cp |= (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*cp |= (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*cp |= (unsigned int)(c - 'A' + 10);
		else
			return fail(rd, "bad \\u escape");
		rd->pos++;
	}
	return 0;
}

/* \uXXXX (with its surrogate pair) as UTF-8; NUL is refused. */
static int unicode_escape(struct reader *rd, char *out, size_t *n)
{
	unsigned int cp, lo;

	if (hex4(rd, &cp))
		return -EINVAL;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return fail(rd, "lone low surrogate");
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (peek(rd) != '\\' || rd->pos + 1 >= rd->len ||
		    rd->s[rd->pos + 1] != 'u')
			return fail(rd, "lone high surrogate");
		rd->pos += 2;
		if (hex4(rd, &lo))
			return -EINVAL;
		if (lo < 0xdc00 || lo > 0xdfff)
			return fail(rd, "bad surrogate pair");
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (!cp)
		return fail(rd, "NUL in a string");
	if (cp < 0x80) {
		out[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*n)++] = (char)(0xc0 | (cp >> 6));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[(*n)++] = (char)(0xe0 | (cp >> 12));
		out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		out[(*n)++] = (char)(0xf0 | (cp >> 18));
		out[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	}
	return 0;
}

static int simple_escape(struct reader *rd, char *out, size_t *n)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	int c = peek(rd);
	const char *p = c > 0 ? strchr(from, c) : NULL;

	if (c == 'u') {
		rd->pos++;
		return unicode_escape(rd, out, n);
	}
	if (!p)
		return fail(rd, "bad escape");
	out[(*n)++] = to[p - from];
	rd->pos++;
	return 0;
}

/*
 * A string after its opening quote. Unescaped, it is never longer than its
 * source (an escape of k bytes gives at most k bytes of UTF-8).
 */
static int string(struct reader *rd, char **out)
{
	size_t start = rd->pos, n = 0;
	char *buf;
	int c;

	while ((c = peek(rd)) >= 0 && c != '"')
		rd->pos += c == '\\' && rd->pos + 1 < rd->len ? 2 : 1;
	if (c < 0)
		return fail(rd, "unterminated string");
	buf = malloc(rd->pos - start + 1);
	if (!buf)
		return -ENOMEM;
	rd->pos = start;
	while ((c = peek(rd)) != '"') {
		rd->pos++;
		if (c < 0x20) {
			free(buf);
			return fail(rd, "control character in a string");
		}
		if (c == '\\') {
			if (simple_escape(rd, buf, &n)) {
				free(buf);
				return -EINVAL;
			}
			continue;
		}
		buf[n++] = (char)c;
	}
	rd->pos++;
	buf[n] = '\0';
	*out = buf;
	return 0;
}

static size_t digits(struct reader *rd)
{
	size_t n = 0;

	while (peek(rd) >= '0' && peek(rd) <= '9') {
		rd->pos++;
		n++;
	}
	return n;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, kept as text. */
static int number(struct reader *rd, char **out)
{
	size_t start = rd->pos;

	if (peek(rd) == '-')
		rd->pos++;
	if (peek(rd) == '0')
		rd->pos++;
	else if (!digits(rd))
		return fail(rd, "bad number");
	if (peek(rd) == '.') {
		rd->pos++;
		if (!digits(rd))
			return fail(rd, "bad fraction");
	}
	if (peek(rd) == 'e' || peek(rd) == 'E') {
		rd->pos++;
		if (peek(rd) == '+' || peek(rd) == '-')
			rd->pos++;
		if (!digits(rd))
			return fail(rd, "bad exponent");
	}
	*out = strndup(rd->s + start, rd->pos - start);
	return *out ? 0 : -ENOMEM;
}

static int value(struct reader *rd, struct ftb_jval *v, int depth);

/* The elements of an array or the members of an object, after its '['/'{'. */
static int members(struct reader *rd, struct ftb_jval *v, int depth)
{
	int close = v->type == FTB_JSON_OBJECT ? '}' : ']';
	struct ftb_jval **tail = &v->child;

	if (depth >= FTB_JSON_MAX_DEPTH)
		return fail(rd, "nested too deeply");
	skip_space(rd);
	if (peek(rd) == close) {
		rd->pos++;
		return 0;
	}
	for (;;) {
		struct ftb_jval *m = calloc(1, sizeof(*m));
		int ret;

		if (!m)
			return -ENOMEM;
		*tail = m;
		tail = &m->next;
		skip_space(rd);
		if (v->type == FTB_JSON_OBJECT) {
			if (peek(rd) != '"')
				return fail(rd, "expected a member name");
			rd->pos++;
			ret = string(rd, &m->key);
			if (ret)
				return ret;
			skip_space(rd);
			if (peek(rd) != ':')
				return fail(rd, "expected ':'");
			rd->pos++;
		}
		ret = value(rd, m, depth + 1);
		if (ret)
			return ret;
		skip_space(rd);
		if (peek(rd) == close) {
			rd->pos++;
			return 0;
		}
		if (peek(rd) != ',')
			return fail(rd, "expected ',' or the end");
		rd->pos++;
	}
}

static int value(struct reader *rd, struct ftb_jval *v, int depth)
{
	int c;

	skip_space(rd);
	c = peek(rd);
	switch (c) {
	case '{':
	case '[':
		rd->pos++;
		v->type = c == '{' ? FTB_JSON_OBJECT : FTB_JSON_ARRAY;
		return members(rd, v, depth);
	case '"':
		rd->pos++;
		v->type = FTB_JSON_STRING;
		return string(rd, &v->text);
	case 't':
	case 'f':
		v->type = FTB_JSON_BOOL;
		v->boolean = c == 't';
		return literal(rd, c == 't' ? "true" : "false");
	case 'n':
		v->type = FTB_JSON_NULL;
		return literal(rd, "null");
	default:
		v->type = FTB_JSON_NUMBER;
		if (c == '-' || (c >= '0' && c <= '9'))
			return number(rd, &v->text);
		return fail(rd, c < 0 ? "unexpected end" : "unexpected byte");
	}
}

int ftb_json_parse(const char *text, size_t len, struct ftb_jval **out,
		   char *err, size_t errlen)
{
	struct reader rd = { text, len, 0, err, errlen };
	struct ftb_jval *v = calloc(1, sizeof(*v));
	int ret;

	if (!v)
		return -ENOMEM;
	ret = value(&rd, v, 0);
	if (!ret) {
		skip_space(&rd);
		if (rd.pos != len)
			ret = fail(&rd, "trailing bytes");
	}
	if (ret) {
		ftb_json_free(v);
		return ret;
	}
	*out = v;
	return 0;
}

void ftb_json_free(struct ftb_jval *v)
{
	while (v) {
		struct ftb_jval *next = v->next;

		ftb_json_free(v->child);
		free(v->key);
		free(v->text);
		free(v);
		v = next;
	}
}

const struct ftb_jval *ftb_json_get(const struct ftb_jval *obj, const char *key)
{
	if (!obj || obj->type != FTB_JSON_OBJECT)
		return NULL;
	for (const struct ftb_jval *m = obj->child; m; m = m->next)
		if (!strcmp(m->key, key))
			return m;
	return NULL;
}

void ftb_json_put(struct ftb_json *j, const struct ftb_jval *v)
{
	switch (v->type) {
	case FTB_JSON_OBJECT:
	case FTB_JSON_ARRAY:
		ftb_json_begin(j, v->type == FTB_JSON_OBJECT ? '{' : '[');
		for (const struct ftb_jval *m = v->child; m; m = m->next) {
			if (v->type == FTB_JSON_OBJECT)
				ftb_json_key(j, m->key);
			ftb_json_put(j, m);
		}
		ftb_json_end(j, v->type == FTB_JSON_OBJECT ? '}' : ']');
		break;
	case FTB_JSON_STRING:
		ftb_json_str(j, v->text);
		break;
	case FTB_JSON_NUMBER:
		ftb_json_number_text(j, v->text);
		break;
	case FTB_JSON_BOOL:
		ftb_json_bool(j, v->boolean);
		break;
	default:
		ftb_json_null(j);
		break;
	}
}
