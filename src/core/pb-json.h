/* pb-json.h: strict, bounded reading of untrusted JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Every error here is PB_ERROR_INVALID_FILE: the message starts with
 * "line L:C:" (parsing) or with the JSON path (reading), so a caller that
 * reads something other than a file re-labels it and keeps the message. */

JsonNode *pb_json_parse            (const char         *text,
                                    gsize               length,
                                    guint               max_depth,
                                    GError            **error);

/* Sets @error to "line L:C: <problem>" for @offset in valid UTF-8 @text.
 * Always returns FALSE. */
gboolean  pb_json_set_error_at     (GError            **error,
                                    const char         *text,
                                    gsize               offset,
                                    const char         *format,
                                    ...) G_GNUC_PRINTF (4, 5);

/* "parent.key", or parent["odd key"] for keys that would not read as a
 * path; @parent NULL gives the key alone. */
char     *pb_json_join_path        (const char         *parent,
                                    const char         *key);
/* Sets @error to "<path>: <problem>". Always returns FALSE. */
gboolean  pb_json_set_path_error   (GError            **error,
                                    const char         *parent,
                                    const char         *key,
                                    const char         *problem);
gboolean  pb_json_node_holds       (JsonNode           *node,
                                    GType               type);

typedef enum
{
  PB_JSON_REQUIRED,
  PB_JSON_OPTIONAL, /* missing and null both mean "not set" */
} PbJsonPresence;

typedef enum
{
  PB_JSON_STRING,
  PB_JSON_ID,             /* a non-empty string */
  PB_JSON_STRING_OR_NULL,
} PbJsonStringKind;

/* Readers of one member: on success *@value is set (NULL, FALSE or
 * @minimum for an optional member that is missing or null); on failure
 * @error names the member's path below @parent. Strings are owned by the
 * tree. */
gboolean  pb_json_check_string     (JsonNode           *node,
                                    PbJsonStringKind    kind,
                                    const char         *parent,
                                    const char         *key,
                                    const char        **value,
                                    GError            **error);
gboolean  pb_json_read_string      (JsonObject         *object,
                                    const char         *parent,
                                    const char         *key,
                                    PbJsonPresence      presence,
                                    PbJsonStringKind    kind,
                                    const char        **value,
                                    GError            **error);
gboolean  pb_json_read_boolean     (JsonObject         *object,
                                    const char         *parent,
                                    const char         *key,
                                    PbJsonPresence      presence,
                                    gboolean           *value,
                                    GError            **error);
gboolean  pb_json_read_int         (JsonObject         *object,
                                    const char         *parent,
                                    const char         *key,
                                    PbJsonPresence      presence,
                                    gint64              minimum,
                                    gint64             *value,
                                    GError            **error);
/* *@node is NULL for an optional member that is missing or null. */
gboolean  pb_json_read_container   (JsonObject         *object,
                                    const char         *parent,
                                    const char         *key,
                                    PbJsonPresence      presence,
                                    JsonNodeType        type,
                                    JsonNode          **node,
                                    GError            **error);
/* Entry @index of @array as an object; *@entry_path ("array[3]") is set
 * either way (free it). */
gboolean  pb_json_get_array_object (JsonArray          *array,
                                    guint               index,
                                    const char         *array_path,
                                    char              **entry_path,
                                    JsonObject        **entry,
                                    GError            **error);

G_END_DECLS
