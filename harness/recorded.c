// SPDX-License-Identifier: GPL-2.0
/*
 * meta.json read back (docs/results-format.md): the options a resumed run
 * keeps, the host, arch and backend it must be resumed with, and the tree
 * itself, which the resumed run writes back with one more "resumes" entry.
 * The file may have been cut or edited: anything that is not the shape
 * ftb_meta_write gives is refused with one line naming the field.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/internal.h"

#define META_MAX_BYTES (1 << 20)

static int bad_field(const char *path, const char *field, const char *why,
		     char *err, size_t errlen)
{
	ftb_errf(err, errlen, "%s: %s %s", path, field, why);
	return -EPROTO;
}

/* A string member, or NULL for null or absent; anything else refused. */
static int get_string(const struct ftb_jval *doc, const char *key,
		      const char **out, const char *path, char *err,
		      size_t errlen)
{
	const struct ftb_jval *v = ftb_json_get(doc, key);

	*out = NULL;
	if (!v || v->type == FTB_JSON_NULL)
		return 0;
	if (v->type != FTB_JSON_STRING)
		return bad_field(path, key, "is not a string", err, errlen);
	*out = v->text;
	return 0;
}

static int get_options(const struct ftb_jval *doc, struct ftb_recorded *r,
		       const char *path, char *err, size_t errlen)
{
	const struct ftb_jval *o = ftb_json_get(doc, "options");

	r->noptions = 0;
	if (!o)
		return bad_field(path, "options",
				 "are not recorded (a run of "
				 "an older ftbench: start a new run)",
				 err, errlen);
	if (o->type != FTB_JSON_OBJECT)
		return bad_field(path, "options", "is not an object", err,
				 errlen);
	for (const struct ftb_jval *m = o->child; m; m = m->next) {
		if (m->type != FTB_JSON_STRING && m->type != FTB_JSON_NUMBER) {
			ftb_errf(err, errlen,
				 "%s: options.%s is not a number or a word",
				 path, m->key);
			return -EPROTO;
		}
		if (r->noptions == FTB_MAX_OPTIONS)
			return bad_field(path, "options",
					 "has too many members", err, errlen);
		r->option[r->noptions].key = m->key;
		r->option[r->noptions++].value = m->text;
	}
	return 0;
}

static int get_version(const struct ftb_jval *doc, const char *path, char *err,
		       size_t errlen)
{
	const struct ftb_jval *v = ftb_json_get(doc, "format_version");
	char want[16];

	snprintf(want, sizeof(want), "%d", FTB_FORMAT_VERSION);
	if (!v || v->type != FTB_JSON_NUMBER)
		return bad_field(path, "format_version", "is missing", err,
				 errlen);
	if (strcmp(v->text, want) != 0) {
		ftb_errf(err, errlen,
			 "%s: format_version %s, this ftbench writes %d", path,
			 v->text, FTB_FORMAT_VERSION);
		return -EPROTO;
	}
	return 0;
}

static int get_resumes(const struct ftb_jval *doc, struct ftb_recorded *r,
		       const char *path, char *err, size_t errlen)
{
	const struct ftb_jval *v = ftb_json_get(doc, "resumes");

	r->nresumes = 0;
	if (!v)
		return 0;
	if (v->type != FTB_JSON_ARRAY)
		return bad_field(path, "resumes", "is not a list", err, errlen);
	for (const struct ftb_jval *e = v->child; e; e = e->next) {
		if (e->type != FTB_JSON_OBJECT)
			return bad_field(path, "resumes", "holds a non-object",
					 err, errlen);
		r->nresumes++;
	}
	return 0;
}

int ftb_recorded_parse(const char *text, size_t len, const char *path,
		       struct ftb_recorded *out, char *err, size_t errlen)
{
	struct ftb_jval *doc = NULL;
	char why[256];
	int ret;

	memset(out, 0, sizeof(*out));
	ret = ftb_json_parse(text, len, &doc, why, sizeof(why));
	if (ret) {
		ftb_errf(err, errlen, "%s: not valid JSON (%s)", path, why);
		return ret == -ENOMEM ? ret : -EPROTO;
	}
	out->tree = doc;
	if (doc->type != FTB_JSON_OBJECT)
		ret = bad_field(path, "the document", "is not an object", err,
				errlen);
	if (!ret)
		ret = get_version(doc, path, err, errlen);
	if (!ret)
		ret = get_options(doc, out, path, err, errlen);
	if (!ret)
		ret = get_resumes(doc, out, path, err, errlen);
	if (!ret)
		ret = get_string(doc, "command_line", &out->command_line, path,
				 err, errlen);
	if (!ret)
		ret = get_string(doc, "date", &out->date, path, err, errlen);
	if (!ret)
		ret = get_string(doc, "host", &out->host, path, err, errlen);
	if (!ret)
		ret = get_string(doc, "arch", &out->arch, path, err, errlen);
	if (!ret)
		ret = get_string(doc, "backend", &out->backend, path, err,
				 errlen);
	if (ret)
		ftb_recorded_free(out);
	return ret;
}

int ftb_recorded_read(const char *dir, struct ftb_recorded *out, char *err,
		      size_t errlen)
{
	char path[PATH_MAX], *text;
	size_t n;
	FILE *f;
	int ret;

	memset(out, 0, sizeof(*out));
	if (ftb_fmt(path, sizeof(path), "%s/meta.json", dir)) {
		ftb_errf(err, errlen, "%s: path too long", dir);
		return -ENAMETOOLONG;
	}
	f = fopen(path, "re");
	if (!f) {
		ret = -errno;
		ftb_errf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	text = malloc(META_MAX_BYTES + 1);
	if (!text) {
		fclose(f);
		return -ENOMEM;
	}
	n = fread(text, 1, META_MAX_BYTES + 1, f);
	ret = ferror(f) ? -EIO : 0;
	fclose(f);
	if (!ret && n > META_MAX_BYTES) {
		ftb_errf(err, errlen, "%s: larger than %d bytes", path,
			 META_MAX_BYTES);
		ret = -EFBIG;
	} else if (ret) {
		ftb_errf(err, errlen, "%s: read error", path);
	} else {
		ret = ftb_recorded_parse(text, n, path, out, err, errlen);
	}
	free(text);
	return ret;
}

void ftb_recorded_free(struct ftb_recorded *r)
{
	ftb_json_free(r->tree);
	memset(r, 0, sizeof(*r));
}
