/* pb-json-reader.h: strict, bounded reading of the project's JSON documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the configuration file and the day script share: reading a file with
 * a size limit, refusing anything but strict RFC 8259 JSON (with line:column),
 * guarding the nesting depth json-glib lacks, refusing duplicate keys, and
 * reading members with their JSON path in every message. The core's, and
 * the remote client's for the servers' answers.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Which document is read: messages name it ("a configuration file is at
 * most…", "this is not a Presence Bridge day script"). */
typedef enum
{
  PB_JSON_DOCUMENT_CONFIGURATION,
  PB_JSON_DOCUMENT_DAY_SCRIPT,
  PB_JSON_DOCUMENT_ANSWER,      /* a server's answer (src/remote) */
} PbJsonDocument;

typedef struct
{
  PbJsonDocument  document;
  const char     *format;    /* the value of the "format" member */
  gint64          version;   /* the newest "version" understood */
  gsize           max_size;  /* bytes */
  guint           max_depth; /* levels of nesting */
} PbJsonFormat;

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

/* At most @format->max_size bytes, checked before and while reading; errors
 * are PB_ERROR_INVALID_FILE. */
GBytes   *pb_json_read_file          (const char          *path,
                                      const PbJsonFormat  *format,
                                      GError             **error);
/* Size, encoding (UTF-8, BOM skipped, no NUL), strict tokens, depth, then
 * json-glib with duplicate keys refused. Errors are PB_ERROR_INVALID_FILE
 * and start with "line L:C:" where the position is known. */
JsonNode *pb_json_parse              (GBytes              *bytes,
                                      const PbJsonFormat  *format,
                                      GError             **error);
/* "format" and "version": a newer version is PB_ERROR_UNSUPPORTED_VERSION. */
gboolean  pb_json_check_header       (JsonObject          *root,
                                      const PbJsonFormat  *format,
                                      GError             **error);

/* Text from the file fit for a one-line message: control characters and
 * quotes escaped, other text (UTF-8 included) as it is. */
char     *pb_json_escape             (const char          *text);
/* "parent.key", or parent["odd key"] when the key would not read as a path;
 * @parent NULL gives the key alone. */
char     *pb_json_join_path          (const char          *parent,
                                      const char          *key);
/* Sets "path: problem" (PB_ERROR_INVALID_FILE) and returns FALSE. */
gboolean  pb_json_set_path_error     (GError             **error,
                                      const char          *parent,
                                      const char          *key,
                                      const char          *problem);

gboolean  pb_json_node_holds         (JsonNode            *node,
                                      GType                type);
/* *@node is NULL when an optional member is missing or null. */
gboolean  pb_json_get_member         (JsonObject          *object,
                                      const char          *parent,
                                      const char          *key,
                                      PbJsonPresence       presence,
                                      JsonNode           **node,
                                      GError             **error);
gboolean  pb_json_check_string_node  (JsonNode            *node,
                                      PbJsonStringKind     kind,
                                      const char          *parent,
                                      const char          *key,
                                      const char         **value,
                                      GError             **error);
gboolean  pb_json_read_string        (JsonObject          *object,
                                      const char          *parent,
                                      const char          *key,
                                      PbJsonPresence       presence,
                                      PbJsonStringKind     kind,
                                      const char         **value,
                                      GError             **error);
gboolean  pb_json_read_boolean       (JsonObject          *object,
                                      const char          *parent,
                                      const char          *key,
                                      PbJsonPresence       presence,
                                      gboolean            *value,
                                      GError             **error);
/* A whole number of at least @minimum (*@value is @minimum for an optional
 * member that is missing or null). */
gboolean  pb_json_read_int           (JsonObject          *object,
                                      const char          *parent,
                                      const char          *key,
                                      PbJsonPresence       presence,
                                      gint64               minimum,
                                      gint64              *value,
                                      GError             **error);
gboolean  pb_json_read_container     (JsonObject          *object,
                                      const char          *parent,
                                      const char          *key,
                                      PbJsonPresence       presence,
                                      JsonNodeType         type,
                                      JsonNode           **node,
                                      GError             **error);
/* The @index-th element of @array, which must be an object; *@entry_path
 * is "array_path[index]" either way (free it). */
gboolean  pb_json_get_array_object   (JsonArray           *array,
                                      guint                index,
                                      const char          *array_path,
                                      char               **entry_path,
                                      JsonObject         **entry,
                                      GError             **error);

/* The tree the pre-scan builds while it checks the tokens, for documents
 * read often and large (the configuration file, the store's mappings):
 * flat, one allocation for the values and one for their decoded strings,
 * instead of json-glib's node, hash table and string per value. It refuses
 * exactly what pb_json_parse() refuses, with the same messages. */
typedef struct _PbJsonTree PbJsonTree;
typedef struct _PbJsonValue PbJsonValue;

typedef enum
{
  PB_JSON_TYPE_NULL,
  PB_JSON_TYPE_BOOLEAN,
  PB_JSON_TYPE_INTEGER,
  PB_JSON_TYPE_DOUBLE,
  PB_JSON_TYPE_STRING,
  PB_JSON_TYPE_ARRAY,
  PB_JSON_TYPE_OBJECT,
} PbJsonType;

PbJsonTree        *pb_json_tree_parse               (GBytes              *bytes,
                                                     const PbJsonFormat  *format,
                                                     GError             **error);
void               pb_json_tree_free                (PbJsonTree          *tree);
const PbJsonValue *pb_json_tree_get_root            (PbJsonTree          *tree);

PbJsonType         pb_json_value_get_value_type     (const PbJsonValue   *value);
/* Members of an object, elements of an array, in file order: the first
 * child, then pb_json_value_get_next() @size - 1 times. */
guint              pb_json_value_get_size           (const PbJsonValue   *value);
const PbJsonValue *pb_json_value_get_first_child    (const PbJsonValue   *value);
const PbJsonValue *pb_json_value_get_next           (const PbJsonValue   *value);
/* The key of an object's member. */
const char        *pb_json_value_get_key            (const PbJsonValue   *value);
const char        *pb_json_value_get_string         (const PbJsonValue   *value);
gint64             pb_json_value_get_int            (const PbJsonValue   *value);
gboolean           pb_json_value_get_boolean        (const PbJsonValue   *value);
/* NULL when @object has no member @key. */
const PbJsonValue *pb_json_value_get_member         (const PbJsonValue   *object,
                                                     const char          *key);
/* The value as json-glib would have read it (unknown keys kept as JSON). */
JsonNode          *pb_json_value_dup_node           (const PbJsonValue   *value);

/* The member readers above, over the tree: the same checks and messages. */
gboolean           pb_json_tree_check_header        (const PbJsonValue   *root,
                                                     const PbJsonFormat  *format,
                                                     GError             **error);
gboolean           pb_json_value_check_string       (const PbJsonValue   *value,
                                                     PbJsonStringKind     kind,
                                                     const char          *parent,
                                                     const char          *key,
                                                     const char         **string,
                                                     GError             **error);
gboolean           pb_json_value_read_string        (const PbJsonValue   *object,
                                                     const char          *parent,
                                                     const char          *key,
                                                     PbJsonPresence       presence,
                                                     PbJsonStringKind     kind,
                                                     const char         **string,
                                                     GError             **error);
gboolean           pb_json_value_read_boolean       (const PbJsonValue   *object,
                                                     const char          *parent,
                                                     const char          *key,
                                                     PbJsonPresence       presence,
                                                     gboolean            *boolean,
                                                     GError             **error);
gboolean           pb_json_value_read_container     (const PbJsonValue   *object,
                                                     const char          *parent,
                                                     const char          *key,
                                                     PbJsonPresence       presence,
                                                     PbJsonType           type,
                                                     const PbJsonValue  **container,
                                                     GError             **error);
/* @element, the @index-th of the array at @array_path, must be an object;
 * *@entry_path is "array_path[index]" either way (free it). */
gboolean           pb_json_value_check_element_object (const PbJsonValue *element,
                                                       guint              index,
                                                       const char        *array_path,
                                                       char             **entry_path,
                                                       GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbJsonTree, pb_json_tree_free)

G_END_DECLS
