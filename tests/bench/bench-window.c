/* bench-window.c: how long the window takes to open, edit, scroll and filter
 *
 * Prints figures; asserts nothing about them (timing belongs in
 * docs/benchmarks.md, not in tests). Runs under Xvfb like the UI tests
 * (GDK_BACKEND=x11, GSK_RENDERER=cairo, a private session bus):
 *
 *   xvfb-run -a dbus-run-session -- meson test -C BUILD --benchmark -v bench-window
 *
 * Each profile size is measured in a process of its own, so the resident
 * memory printed for it is that profile's and not what an earlier, smaller
 * one left behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pb-application.h"
#include "pb-status-row.h"
#include "pb-test-fixtures.h"
#include "pb-window.h"

typedef struct
{
  const char *path;
  guint       n_statuses;   /* 0: the worked example */
  guint       n_states;
} Size;

static const Size sizes[] = {
  { "/bench-window/worked-example", 0, 0 },
  { "/bench-window/500x100", 500, 100 },
  { "/bench-window/5000x1000", 5000, 1000 },
};

#define OPEN_RUNS   5
#define EDIT_RUNS   11
#define SCROLL_RUNS 11
#define SEARCH_RUNS 11

static PbApplication *application;

/* Frames: a measure ends when the window has painted a frame that began
 * after the measured change, and the X server has it. The probe also adds
 * up the time spent inside frames (layout and paint), to tell the work
 * from the wait for the frame clock. */

typedef struct
{
  GdkFrameClock *clock;
  gulong         before_paint_id;
  gulong         after_paint_id;
  gint64         paint_started;
  gint64         frame_work;      /* µs inside frames since probe_reset() */
  gboolean       ticked;
  gboolean       painted;         /* the frame that ticked has painted */
} FrameProbe;

static FrameProbe probe;

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

#define WAIT_FOR(condition) G_STMT_START {                                   \
    gint64 _deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;        \
    guint _tick = g_timeout_add (10, wake_up_cb, NULL);                      \
    while (!(condition))                                                     \
      {                                                                      \
        if (g_get_monotonic_time () > _deadline)                             \
          g_error ("Timed out waiting for %s", #condition);                   \
        g_main_context_iteration (NULL, TRUE);                               \
      }                                                                      \
    g_source_remove (_tick);                                                 \
  } G_STMT_END

static void
before_paint_cb (GdkFrameClock *clock,
                 FrameProbe    *self)
{
  self->paint_started = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                FrameProbe    *self)
{
  self->frame_work += g_get_monotonic_time () - self->paint_started;
  if (self->ticked)
    self->painted = TRUE;
}

/* Tick callbacks run in the update phase, between before-paint and
 * after-paint of one frame; adding one also asks for that frame. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  FrameProbe *self = user_data;

  self->ticked = TRUE;
  return G_SOURCE_REMOVE;
}

static void
probe_attach (GtkWidget *window)
{
  probe.clock = g_object_ref (gtk_widget_get_frame_clock (window));
  probe.before_paint_id = g_signal_connect (probe.clock, "before-paint", G_CALLBACK (before_paint_cb), &probe);
  probe.after_paint_id = g_signal_connect (probe.clock, "after-paint", G_CALLBACK (after_paint_cb), &probe);
  probe.frame_work = 0;
}

static void
probe_detach (void)
{
  g_clear_signal_handler (&probe.before_paint_id, probe.clock);
  g_clear_signal_handler (&probe.after_paint_id, probe.clock);
  g_clear_object (&probe.clock);
}

static void
probe_reset (void)
{
  probe.frame_work = 0;
}

static void
wait_for_frame (GtkWidget *window)
{
  probe.ticked = FALSE;
  probe.painted = FALSE;
  gtk_widget_add_tick_callback (window, tick_cb, &probe, NULL);
  WAIT_FOR (probe.painted);
  gdk_display_sync (gtk_widget_get_display (window));
}

/* Samples, in milliseconds: latency (change → frame on screen), the part
 * of it before the call that made the change returned, and the part spent
 * in frames. The rest is idle handlers and the wait for the frame clock. */

typedef struct
{
  GArray *latency;
  GArray *call;
  GArray *frame_work;
  gint64  started;
  gint64  returned;
} Samples;

static void
samples_init (Samples *samples)
{
  samples->latency = g_array_new (FALSE, FALSE, sizeof (double));
  samples->call = g_array_new (FALSE, FALSE, sizeof (double));
  samples->frame_work = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
samples_clear (Samples *samples)
{
  g_clear_pointer (&samples->latency, g_array_unref);
  g_clear_pointer (&samples->call, g_array_unref);
  g_clear_pointer (&samples->frame_work, g_array_unref);
}

static void
samples_start (Samples *samples)
{
  probe_reset ();
  samples->started = g_get_monotonic_time ();
}

static void
samples_returned (Samples *samples)
{
  samples->returned = g_get_monotonic_time ();
}

static void
samples_stop (Samples *samples)
{
  double latency = (g_get_monotonic_time () - samples->started) / 1000.0;
  double call = (samples->returned - samples->started) / 1000.0;
  double frame_work = probe.frame_work / 1000.0;

  g_array_append_val (samples->latency, latency);
  g_array_append_val (samples->call, call);
  g_array_append_val (samples->frame_work, frame_work);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static void
print_samples (const char *what,
               Samples    *samples)
{
  double latency = median (samples->latency);
  double call = median (samples->call);
  double frame_work = median (samples->frame_work);

  g_print ("  %-36s %8.1f ms  (call %6.1f, frames %6.1f; %2u runs)\n",
           what, latency, call, frame_work, samples->latency->len);
}

/* Memory, as the kernel counts it, in MiB. */
static double
read_status_mib (const char *field)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return 0;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ':')
      return g_ascii_strtod (lines[i] + strlen (field) + 1, NULL) / 1024.0;

  return 0;
}

/* The window */

static PbWindow *
open_window (Samples *samples)
{
  PbWindow *window;

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));

  samples_start (samples);
  g_application_activate (G_APPLICATION (application));
  samples_returned (samples);
  window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_true (PB_IS_WINDOW (window));
  /* Presenting a toplevel realizes it: the frame clock exists, and no
   * frame has been painted yet (that takes the main loop). */
  probe_attach (GTK_WIDGET (window));
  wait_for_frame (GTK_WIDGET (window));
  samples_stop (samples);

  return window;
}

static void
close_window (PbWindow *window)
{
  WAIT_FOR (!pb_window_get_busy (window));
  probe_detach ();
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_FOR (window == NULL);
}

static GtkWidget *
template_child (PbWindow   *window,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), PB_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* One mapping edit on the first status row, as a choice in its popup
 * makes it, until the problems and the preview are recomputed (in the
 * window's idle, as after a click) and drawn. */
static void
measure_edit (PbWindow *window,
              Samples  *samples)
{
  g_autoptr(PbPresenceStatus) status = g_list_model_get_item (pb_window_get_status_model (window), 0);
  GtkWidget *row = pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, pb_presence_status_get_api_name (status));
  PbChoiceButton *chooser;
  GListModel *findings = pb_window_get_findings (window);
  guint target;

  g_assert_true (PB_IS_STATUS_ROW (row));
  chooser = pb_status_row_get_chooser (PB_STATUS_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (pb_choice_button_get_model (chooser)), >, 2);

  /* Another entry than the one shown, so that every run is a change. */
  target = pb_choice_button_get_selected (chooser) == 1 ? 2 : 1;

  samples_start (samples);
  pb_choice_button_set_selected (chooser, target);
  samples_returned (samples);
  WAIT_FOR (pb_window_get_findings (window) != findings);
  wait_for_frame (GTK_WIDGET (window));
  samples_stop (samples);

  /* The autosave is off the main thread: let it finish between runs. */
  WAIT_FOR (!pb_window_get_busy (window));
}

/* Returns FALSE when the list fits its view and does not scroll. */
static gboolean
measure_scroll (PbWindow   *window,
                const char *list_name,
                gboolean    to_end,
                Samples    *samples)
{
  GtkWidget *list = template_child (window, list_name);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  double target;

  gtk_adjustment_set_value (adjustment, 0);
  wait_for_frame (GTK_WIDGET (window));

  if (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment))
    return FALSE;

  if (to_end)
    target = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  else
    target = gtk_adjustment_get_page_size (adjustment);

  samples_start (samples);
  gtk_adjustment_set_value (adjustment, target);
  samples_returned (samples);
  wait_for_frame (GTK_WIDGET (window));
  samples_stop (samples);

  return TRUE;
}

static void
measure_search (PbWindow   *window,
                const char *text,
                Samples    *samples)
{
  GtkWidget *entry = template_child (window, "search_entry");

  samples_start (samples);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* Without the entry's 150 ms typing delay: that is a wait, not work. */
  g_signal_emit_by_name (entry, "search-changed");
  samples_returned (samples);
  wait_for_frame (GTK_WIDGET (window));
  samples_stop (samples);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
bench_size (const Size *size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-window-XXXXXX", &error);
  g_autofree char *store_path = NULL;
  g_autoptr(PbConfiguration) config = NULL;
  g_autofree char *title = NULL;
  Samples open_cold, open_warm, edit, search, clear;
  Samples page[2], end[2];
  const char *lists[2] = { "status_list", "state_list" };
  const char *list_names[2] = { "statuses", "states" };
  gboolean scrolls[2] = { FALSE, FALSE };
  double rss_before, rss_open, hwm_open;
  PbWindow *window;

  g_assert_no_error (error);
  store_path = g_build_filename (dir, "store.db", NULL);
  g_setenv ("PRESENCE_BRIDGE_STORE", store_path, TRUE);
  g_unsetenv ("PB_GENERATE");

  /* The profile is in the store before the window opens, as it would be
   * for an administrator: opening measures loading, not generating. */
  if (size->n_statuses == 0)
    {
      config = pb_test_worked_example ();
      title = g_strdup ("Worked example");
    }
  else
    {
      config = pb_generator_create (size->n_statuses, size->n_states, 1);
      title = g_strdup_printf ("Generated %u × %u", size->n_statuses, size->n_states);
    }
  {
    g_autoptr(PbStore) store = pb_store_open (store_path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pb_store_import (store, title, config, NULL, NULL, NULL, &error), ==, 1);
    g_assert_no_error (error);
  }

  g_print ("%s: %u presence statuses, %u agent states\n", title,
           g_list_model_get_n_items (pb_configuration_get_presence_statuses (config)),
           g_list_model_get_n_items (pb_configuration_get_agent_states (config)));

  samples_init (&open_cold);
  samples_init (&open_warm);
  samples_init (&edit);
  samples_init (&search);
  samples_init (&clear);
  for (guint i = 0; i < 2; i++)
    {
      samples_init (&page[i]);
      samples_init (&end[i]);
    }

  /* The first window of the process also loads the theme, icons and
   * fonts; later ones show what opening a profile costs. */
  rss_before = read_status_mib ("VmRSS");
  window = open_window (&open_cold);
  rss_open = read_status_mib ("VmRSS");
  hwm_open = read_status_mib ("VmHWM");
  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, title);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_status_model (window)), ==,
                    g_list_model_get_n_items (pb_configuration_get_presence_statuses (config)));
  close_window (window);

  for (guint run = 0; run < OPEN_RUNS; run++)
    close_window (open_window (&open_warm));

  window = open_window (&open_warm);

  for (guint run = 0; run < EDIT_RUNS; run++)
    measure_edit (window, &edit);

  for (guint i = 0; i < 2; i++)
    for (guint run = 0; run < SCROLL_RUNS; run++)
      {
        scrolls[i] = measure_scroll (window, lists[i], FALSE, &page[i]);
        if (scrolls[i])
          measure_scroll (window, lists[i], TRUE, &end[i]);
      }

  /* Scrolled to the end means the last rows are there. */
  if (scrolls[0])
    {
      GListModel *statuses = pb_window_get_status_model (window);
      g_autoptr(PbPresenceStatus) last = g_list_model_get_item (statuses, g_list_model_get_n_items (statuses) - 1);

      g_assert_nonnull (pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, pb_presence_status_get_api_name (last)));
    }
  if (scrolls[1])
    {
      GListModel *states = pb_window_get_state_model (window);
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (states, g_list_model_get_n_items (states) - 1);
      g_autoptr(PbAgentState) last = gtk_tree_list_row_get_item (row);

      g_assert_nonnull (pb_window_lookup_row (window, PB_SUBJECT_STATE, pb_agent_state_get_id (last)));
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  wait_for_frame (GTK_WIDGET (window));
  for (guint run = 0; run < SEARCH_RUNS; run++)
    {
      measure_search (window, "away", &search);
      if (run == 0)
        g_print ("  (the search \"away\" shows %u statuses, %u states)\n",
                 g_list_model_get_n_items (pb_window_get_status_model (window)),
                 g_list_model_get_n_items (pb_window_get_state_model (window)));
      measure_search (window, "", &clear);
    }

  print_samples ("open -> first frame (first window)", &open_cold);
  print_samples ("open -> first frame (later windows)", &open_warm);
  print_samples ("edit a mapping -> checks -> frame", &edit);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *what = NULL;

      if (!scrolls[i])
        {
          g_print ("  scroll %-29s  fits its view\n", list_names[i]);
          continue;
        }
      what = g_strdup_printf ("scroll %s one page", list_names[i]);
      print_samples (what, &page[i]);
      g_clear_pointer (&what, g_free);
      what = g_strdup_printf ("scroll %s to the end", list_names[i]);
      print_samples (what, &end[i]);
    }
  print_samples ("search \"away\" -> frame", &search);
  print_samples ("clear the search -> frame", &clear);
  g_print ("  %-36s %9.1f MiB (%.1f before opening, peak %.1f)\n",
           "VmRSS after the first window opened", rss_open, rss_before, hwm_open);

  close_window (window);

  samples_clear (&open_cold);
  samples_clear (&open_warm);
  samples_clear (&edit);
  samples_clear (&search);
  samples_clear (&clear);
  for (guint i = 0; i < 2; i++)
    {
      samples_clear (&page[i]);
      samples_clear (&end[i]);
    }
  remove_tree (dir);
}

static void
run_size (gconstpointer user_data)
{
  if (g_test_subprocess ())
    {
      bench_size (user_data);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) system_data_dirs = NULL;
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status;

  /* The processes of each size inherit the isolated XDG dirs of the test
   * that starts them: they learn the real ones from the first process. */
  if (g_getenv ("PB_BENCH_SYSTEM_DATA_DIRS") == NULL)
    {
      g_autofree char *dirs = g_strjoinv (G_SEARCHPATH_SEPARATOR_S, (char **)g_get_system_data_dirs ());

      g_setenv ("PB_BENCH_SYSTEM_DATA_DIRS", dirs, TRUE);
    }
  system_data_dirs = g_strsplit (g_getenv ("PB_BENCH_SYSTEM_DATA_DIRS"), G_SEARCHPATH_SEPARATOR_S, -1);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    g_test_add_data_func (sizes[i].path, &sizes[i], run_size);

  /* The parent only starts one process per size. */
  if (!g_test_subprocess ())
    return g_test_run ();

  /* As in test-window.c: the isolated data dirs have neither the MIME
   * database (which the image loaders need for SVG icons) nor icon
   * themes; give both back, read-only. */
  for (guint i = 0; system_data_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (system_data_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *)mime_dirs->pdata);
  gtk_init ();
  g_object_set (gtk_settings_get_default (),
                "gtk-decoration-layout", "appmenu:close",
                /* No transitions running behind the measures. */
                "gtk-enable-animations", FALSE,
                NULL);
  for (guint i = 0; system_data_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (system_data_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()), icons);
    }

  application = pb_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  status = g_test_run ();

  g_clear_object (&application);
  return status;
}
