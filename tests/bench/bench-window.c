/* bench-window.c: how long the window takes to show, edit and search
 *
 * Prints figures and their ratios; asserts nothing about them (timing
 * belongs in docs/benchmarks.md, not in tests). Runs under Xvfb like the UI
 * tests (GDK_BACKEND=x11, GSK_RENDERER=cairo, a private session bus):
 *
 *   xvfb-run -a dbus-run-session -- meson test -C BUILD --benchmark -v bench-window
 *
 * Two parts, each in processes of their own:
 *
 * 1. Shown at once. Each profile is opened by a new process, as an
 *    administrator starts the application, and the time is taken from
 *    just before the process is started to the first frame painted with
 *    content in it: for Presence Bridge the frame in which the first row of
 *    the status grid is mapped and allocated (so laid out and drawn), for
 *    the yardstick (bench-bare-window, an AdwApplicationWindow with a
 *    header bar and a label) the frame in which its label is. The child
 *    writes the time of that frame's after-paint (after gdk_display_sync,
 *    so the X server has it) on its standard output. The runs of all
 *    profiles and of the yardstick alternate, so that a busy moment of the
 *    machine falls on all of them; medians are printed.
 *
 * 2. Work in a window that is open: an edit until its row is repainted, an
 *    edit until the problems and preview are up to date and painted, a
 *    search keystroke until the filtered grids are painted, scrolling, and
 *    memory. Then the Simulation page: its first display (built then,
 *    the default day played), the every-status day, and an edit until the
 *    timeline shows it, alone and compared with the saved revision, with
 *    the longest time the main loop was kept from running meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#include "pb-application.h"
#include "pb-mapping-row.h"
#include "pb-simulation-panel.h"
#include "pb-test-fixtures.h"
#include "pb-window.h"

typedef struct
{
  const char *name;
  const char *title;
  guint       n_statuses;   /* generated; 0: the worked example */
  guint       n_states;
  guint       long_text;    /* characters of the long name and label; 0: none */
  gboolean    spaces;       /* the long text has words */
} Case;

static const Case cases[] = {
  { "worked-example", "Worked example", 0, 0, 0, FALSE },
  { "5000x1000", "Generated 5000 x 1000", 5000, 1000, 0, FALSE },
  { "long-1000", "Long text, 1,000 characters", 0, 0, 1000, TRUE },
  { "long-10000", "Long text, 10,000 characters, no spaces", 0, 0, 10000, FALSE },
};

#define OPEN_RUNS   9
#define EDIT_RUNS   11
#define SCROLL_RUNS 11
#define SEARCH_RUNS 11

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Only for what nothing notifies: a frame of the frame clock. */
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

/* Profiles */

static PbConfiguration *
case_configuration (const Case *c)
{
  if (c->n_statuses > 0)
    return pb_generator_create (c->n_statuses, c->n_states, 1);
  if (c->long_text > 0)
    {
      g_autofree char *text = pb_test_hostile_text (c->long_text, c->spaces);

      return pb_test_worked_example_named (text);
    }
  return pb_test_worked_example ();
}

static char *
case_store_path (const char *dir,
                 const Case *c)
{
  g_autofree char *name = g_strdup_printf ("%s.db", c->name);

  return g_build_filename (dir, name, NULL);
}

/* The profile is in the store before the window opens, as it would be
 * for an administrator: opening measures loading, not generating. */
static void
prepare_store (const char *dir,
               const Case *c)
{
  g_autofree char *path = case_store_path (dir, c);
  g_autoptr(PbConfiguration) config = case_configuration (c);
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_store_import (store, c->title, config, NULL, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
}

/* Part 1, in the child: the application as main.c runs it, and a probe
 * on the first window's frame clock. */

static gboolean
window_has_content (PbWindow *window)
{
  GListModel *statuses = pb_window_get_status_model (window);
  g_autoptr(PbPresenceStatus) first = NULL;
  GtkWidget *row;

  if (statuses == NULL || g_list_model_get_n_items (statuses) == 0)
    return FALSE;

  first = g_list_model_get_item (statuses, 0);
  row = pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, pb_presence_status_get_api_name (first));

  return row != NULL && gtk_widget_get_mapped (row) && gtk_widget_get_width (row) > 0;
}

static gint64
cpu_time_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

/* After the first content frame: the checks and the preview of the
 * profile, and the frame that shows them. */
static gboolean open_refreshed;

static void
open_refreshed_cb (PbWindow *window)
{
  open_refreshed = TRUE;
}

static void
open_after_paint_cb (GdkFrameClock *clock,
                     PbWindow      *window)
{
  static gboolean content_painted;

  if (!content_painted)
    {
      if (!window_has_content (window))
        return;

      gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (window)));
      g_print ("first-content-frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
               g_get_monotonic_time (), cpu_time_us ());
      content_painted = TRUE;
      /* Asks for the frame that shows them. */
      gtk_widget_queue_draw (GTK_WIDGET (window));
      return;
    }

  if (!open_refreshed)
    {
      gtk_widget_queue_draw (GTK_WIDGET (window));
      return;
    }

  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (window)));
  g_print ("refreshed-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, open_after_paint_cb, window);
  /* Quitting is part of the run: it must be clean too. */
  g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "quit", NULL);
}

static void
open_realize_cb (GtkWidget *window)
{
  g_signal_connect (window, "refreshed", G_CALLBACK (open_refreshed_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (open_after_paint_cb), window);
}

static void
open_window_added_cb (GtkApplication *application,
                      GtkWindow      *window)
{
  if (PB_IS_WINDOW (window))
    g_signal_connect (window, "realize", G_CALLBACK (open_realize_cb), NULL);
}

static int
child_open (char *argv0)
{
  g_autoptr(PbApplication) application = pb_application_new ();
  char *argv[] = { argv0, NULL };

  g_signal_connect (application, "window-added", G_CALLBACK (open_window_added_cb), NULL);
  return g_application_run (G_APPLICATION (application), 1, argv);
}

/* Part 1, in the parent */

typedef struct
{
  char    *out;
  GError  *error;
  gboolean done;
} Communicated;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communicated *communicated = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &communicated->out, NULL,
                                        &communicated->error);
  communicated->done = TRUE;
}

/* A window that has not shown its content after this long is reported
 * as such rather than waited for (GTK 4.8 needed minutes for some text). */
#define OPEN_TIMEOUT_S 60

#define TIMED_OUT 1e9

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Milliseconds from just before @argv starts to its first content frame,
 * or TIMED_OUT when it took longer than OPEN_TIMEOUT_S; @cpu: the
 * processor time the process used until then; @refreshed (if not NULL):
 * milliseconds until the frame that shows the problems and preview. */
static double
spawn_and_time (const char * const *argv,
                double             *cpu,
                double             *refreshed)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Communicated communicated = { NULL, NULL, FALSE };
  g_autofree char *out = NULL;
  const char *line;
  char *end;
  gint64 started, painted;
  gboolean timed_out = FALSE;
  guint timeout;

  started = g_get_monotonic_time ();
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &communicated);

  timeout = g_timeout_add_seconds (OPEN_TIMEOUT_S, set_flag_cb, &timed_out);
  while (!communicated.done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    {
      g_subprocess_force_exit (process);
      while (!communicated.done)
        g_main_context_iteration (NULL, TRUE);
      g_clear_error (&communicated.error);
      g_free (communicated.out);
      *cpu = TIMED_OUT;
      if (refreshed != NULL)
        *refreshed = TIMED_OUT;
      return TIMED_OUT;
    }
  g_source_remove (timeout);

  g_assert_no_error (communicated.error);
  out = communicated.out;
  g_assert_true (g_subprocess_get_successful (process));

  line = strstr (out, "first-content-frame ");
  g_assert_nonnull (line);
  painted = g_ascii_strtoll (line + strlen ("first-content-frame "), &end, 10);
  *cpu = g_ascii_strtoll (end, NULL, 10) / 1000.0;
  if (refreshed != NULL)
    {
      line = strstr (out, "refreshed-frame ");
      g_assert_nonnull (line);
      *refreshed = (g_ascii_strtoll (line + strlen ("refreshed-frame "), NULL, 10) - started) / 1000.0;
    }

  return (painted - started) / 1000.0;
}

static void
bench_open (const char *self_path,
            const char *bare_path,
            const char *dir)
{
  GArray *times[G_N_ELEMENTS (cases) + 1];
  GArray *cpus[G_N_ELEMENTS (cases) + 1];
  GArray *refreshes[G_N_ELEMENTS (cases) + 1];
  double bare, worked, bare_cpu, worked_cpu;

  for (guint i = 0; i <= G_N_ELEMENTS (cases); i++)
    {
      times[i] = g_array_new (FALSE, FALSE, sizeof (double));
      cpus[i] = g_array_new (FALSE, FALSE, sizeof (double));
      refreshes[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* One run of each to warm the disk cache and the font cache, not counted. */
  for (int run = -1; run < OPEN_RUNS; run++)
    {
      const char *bare_argv[] = { bare_path, NULL };
      double cpu, refreshed;
      double t = spawn_and_time (bare_argv, &cpu, NULL);

      if (run >= 0)
        {
          g_array_append_val (times[0], t);
          g_array_append_val (cpus[0], cpu);
        }

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autofree char *store = case_store_path (dir, &cases[i]);
          const char *argv[] = { self_path, "--open", NULL };

          /* One time-out says enough about a case. */
          if (times[i + 1]->len > 0 && g_array_index (times[i + 1], double, 0) == TIMED_OUT)
            continue;

          g_setenv ("PRESENCE_BRIDGE_STORE", store, TRUE);
          t = spawn_and_time (argv, &cpu, &refreshed);
          if (run >= 0 || t == TIMED_OUT)
            {
              g_array_append_val (times[i + 1], t);
              g_array_append_val (cpus[i + 1], cpu);
              g_array_append_val (refreshes[i + 1], refreshed);
            }
        }
    }

  bare = median (times[0]);
  worked = median (times[1]);
  bare_cpu = median (cpus[0]);
  worked_cpu = median (cpus[1]);

  g_print ("Process start -> first frame with content (median of %d runs each; wall clock, then processor time)\n",
           OPEN_RUNS);
  g_print ("  %-40s %7.1f ms               %7.1f ms cpu\n", "bare libadwaita window (yardstick)", bare, bare_cpu);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double t = median (times[i + 1]);
      double cpu = median (cpus[i + 1]);

      if (t == TIMED_OUT)
        {
          g_print ("  %-40s   > %d s\n", cases[i].title, OPEN_TIMEOUT_S);
          continue;
        }
      g_print ("  %-40s %7.1f ms %4.2fx bare %4.2fx WE  %7.1f ms cpu %4.2fx bare %4.2fx WE\n",
               cases[i].title, t, t / bare, t / worked, cpu, cpu / bare_cpu, cpu / worked_cpu);
    }
  g_print ("  targets: <= 1.5x bare; 5000 x 1000 and long text <= 1.1x the worked example (WE)\n");
  g_print ("Process start -> the frame that shows the problems and the preview (median)\n");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (median (times[i + 1]) != TIMED_OUT)
      g_print ("  %-40s %7.1f ms\n", cases[i].title, median (refreshes[i + 1]));

  for (guint i = 0; i <= G_N_ELEMENTS (cases); i++)
    {
      g_array_unref (times[i]);
      g_array_unref (cpus[i]);
      g_array_unref (refreshes[i]);
    }
}

/* Part 2, in the child: a window opened in this process, driven through
 * its widgets. */

static PbApplication *application;

typedef struct
{
  GdkFrameClock *clock;
  gulong         before_paint_id;
  gulong         after_paint_id;
  gint64         paint_started;
  gint64         frame_work;      /* µs inside frames since samples_start() */
  gboolean       ticked;
  gboolean       painted;         /* the frame that ticked has painted */
} FrameProbe;

static FrameProbe probe;

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
  probe.frame_work = 0;
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

static void
print_samples (const char *what,
               Samples    *samples)
{
  if (samples->latency->len == 0)
    {
      g_print ("  %-40s      (fits its view)\n", what);
      return;
    }

  g_print ("  %-40s %8.1f ms  (call %6.1f, frames %6.1f; %2u runs)\n", what,
           median (samples->latency), median (samples->call), median (samples->frame_work),
           samples->latency->len);
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

static void
refreshed_cb (PbWindow *window,
              gboolean *refreshed)
{
  *refreshed = TRUE;
}

static PbMappingRow *
first_row (PbWindow  *window,
           PbSubject  subject)
{
  GtkWidget *row;

  if (subject == PB_SUBJECT_PRESENCE)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (pb_window_get_status_model (window), 0);

      row = pb_window_lookup_row (window, subject, pb_presence_status_get_api_name (status));
    }
  else
    {
      g_autoptr(GtkTreeListRow) tree_row = g_list_model_get_item (pb_window_get_state_model (window), 0);
      g_autoptr(PbAgentState) state = gtk_tree_list_row_get_item (tree_row);

      row = pb_window_lookup_row (window, subject, pb_agent_state_get_id (state));
    }

  g_assert_true (PB_IS_MAPPING_ROW (row));
  return PB_MAPPING_ROW (row);
}

/* One mapping edit on the first status row, as a choice in its popup
 * makes it: until the row shows it on screen, and until the problems and
 * the preview (recomputed after the frame) are up to date and painted. */
static void
measure_edit (PbWindow *window,
              Samples  *row_samples,
              Samples  *refresh_samples)
{
  PbChoiceButton *chooser = pb_mapping_row_get_chooser (first_row (window, PB_SUBJECT_PRESENCE));
  gboolean refreshed = FALSE;
  gulong handler;
  guint target;

  g_assert_cmpuint (g_list_model_get_n_items (pb_choice_button_get_model (chooser)), >, 2);
  /* Another entry than the one shown, so that every run is a change. */
  target = pb_choice_button_get_selected (chooser) == 1 ? 2 : 1;

  handler = g_signal_connect (window, "refreshed", G_CALLBACK (refreshed_cb), &refreshed);
  samples_start (row_samples);
  samples_start (refresh_samples);
  pb_choice_button_set_selected (chooser, target);
  samples_returned (row_samples);
  samples_returned (refresh_samples);
  wait_for_frame (GTK_WIDGET (window));
  samples_stop (row_samples);
  WAIT_FOR (refreshed);
  wait_for_frame (GTK_WIDGET (window));
  samples_stop (refresh_samples);
  g_signal_handler_disconnect (window, handler);

  /* The autosave is off the main thread: let it finish between runs. */
  WAIT_FOR (!pb_window_get_busy (window));
}

static void
measure_scroll (PbWindow  *window,
                GtkWidget *list,
                gboolean   to_end,
                Samples   *samples)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  double target;

  gtk_adjustment_set_value (adjustment, 0);
  wait_for_frame (GTK_WIDGET (window));

  if (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment))
    return;

  if (to_end)
    target = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  else
    target = gtk_adjustment_get_page_size (adjustment);

  samples_start (samples);
  gtk_adjustment_set_value (adjustment, target);
  samples_returned (samples);
  wait_for_frame (GTK_WIDGET (window));
  samples_stop (samples);
}

/* A keystroke in the search entry, as the entry's text changes (its
 * search delay is 0: the search runs in the next main-loop iteration),
 * until the filtered grids are painted. */
static void
measure_search (PbWindow   *window,
                GtkWidget  *entry,
                const char *text,
                Samples    *samples)
{
  samples_start (samples);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  samples_returned (samples);
  wait_for_frame (GTK_WIDGET (window));
  samples_stop (samples);
}

/* The longest the main loop went without running a high-priority 1 ms
 * timeout: how long the window could not answer a key or a frame. */
typedef struct
{
  gint64 last;
  gint64 longest;
  guint  source;
} StallProbe;

static gboolean
stall_tick_cb (gpointer user_data)
{
  StallProbe *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (self->last != 0)
    self->longest = MAX (self->longest, now - self->last);
  self->last = now;

  return G_SOURCE_CONTINUE;
}

static void
stall_probe_start (StallProbe *self)
{
  self->last = 0;
  self->longest = 0;
  self->source = g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_tick_cb, self, NULL);
}

static double
stall_probe_stop (StallProbe *self)
{
  g_clear_handle_id (&self->source, g_source_remove);
  return self->longest / 1000.0;
}

static void
print_stalls (const char *what,
              GArray     *stalls)
{
  double typical = median (stalls);  /* sorts them */

  g_print ("  %-40s %8.1f ms  (longest main-loop stall, median; worst %.1f)\n", what, typical,
           g_array_index (stalls, double, stalls->len - 1));
}

/* Until the simulation shows what is asked, then painted. */
static void
wait_simulation (PbWindow          *window,
                 PbSimulationPanel *panel)
{
  WAIT_FOR (!pb_simulation_panel_get_busy (panel));
  wait_for_frame (GTK_WIDGET (window));
}

/* An edit until the timeline shows it (on screen); with no @panel, until
 * the problems and the preview show it, for scale. */
static void
measure_simulation_edit (PbWindow          *window,
                         PbSimulationPanel *panel,
                         Samples           *samples,
                         GArray            *stalls)
{
  PbChoiceButton *chooser = pb_mapping_row_get_chooser (first_row (window, PB_SUBJECT_PRESENCE));
  guint target = pb_choice_button_get_selected (chooser) == 1 ? 2 : 1;
  gboolean refreshed = FALSE;
  StallProbe stall;
  gulong handler;
  double longest;

  handler = g_signal_connect (window, "refreshed", G_CALLBACK (refreshed_cb), &refreshed);
  stall_probe_start (&stall);
  samples_start (samples);
  pb_choice_button_set_selected (chooser, target);
  samples_returned (samples);
  WAIT_FOR (refreshed);
  if (panel != NULL)
    wait_simulation (window, panel);
  else
    wait_for_frame (GTK_WIDGET (window));
  samples_stop (samples);
  longest = stall_probe_stop (&stall);
  g_array_append_val (stalls, longest);
  g_signal_handler_disconnect (window, handler);

  WAIT_FOR (!pb_window_get_busy (window));
}

/* The Simulation page, each measure with the longest main-loop stall
 * during it. */
typedef struct
{
  Samples hidden_edit, first, every_status, edit, compare_edit;
  GArray *hidden_stalls, *first_stalls, *day_stalls, *edit_stalls, *compare_stalls;
  guint   n_steps, n_lines;
  double  rss_day, rss_edits, rss;
} Simulation;

static void
simulation_init (Simulation *self)
{
  samples_init (&self->hidden_edit);
  samples_init (&self->first);
  samples_init (&self->every_status);
  samples_init (&self->edit);
  samples_init (&self->compare_edit);
  self->hidden_stalls = g_array_new (FALSE, FALSE, sizeof (double));
  self->first_stalls = g_array_new (FALSE, FALSE, sizeof (double));
  self->day_stalls = g_array_new (FALSE, FALSE, sizeof (double));
  self->edit_stalls = g_array_new (FALSE, FALSE, sizeof (double));
  self->compare_stalls = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
simulation_clear (Simulation *self)
{
  samples_clear (&self->hidden_edit);
  samples_clear (&self->first);
  samples_clear (&self->every_status);
  samples_clear (&self->edit);
  samples_clear (&self->compare_edit);
  g_clear_pointer (&self->hidden_stalls, g_array_unref);
  g_clear_pointer (&self->first_stalls, g_array_unref);
  g_clear_pointer (&self->day_stalls, g_array_unref);
  g_clear_pointer (&self->edit_stalls, g_array_unref);
  g_clear_pointer (&self->compare_stalls, g_array_unref);
}

/* A change (@func) until the timeline shows it on screen. */
static void
measure_simulation_change (PbWindow          *window,
                           PbSimulationPanel *panel,
                           void             (*func) (PbWindow *window, PbSimulationPanel *panel),
                           Samples           *samples,
                           GArray            *stalls)
{
  StallProbe stall;
  double longest;

  stall_probe_start (&stall);
  samples_start (samples);
  func (window, panel);
  samples_returned (samples);
  wait_simulation (window, panel);
  samples_stop (samples);
  longest = stall_probe_stop (&stall);
  g_array_append_val (stalls, longest);
}

static void
show_simulation (PbWindow          *window,
                 PbSimulationPanel *panel)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-simulation", NULL));
}

static void
play_every_status (PbWindow          *window,
                   PbSimulationPanel *panel)
{
  pb_simulation_panel_set_day (panel, PB_SIMULATION_DAY_EVERY_STATUS);
}

/* Edits while the page is hidden (what the rest of the window costs),
 * F9 once (the page is built and the default day played), the sweep
 * (every status picked, every state entered), edits; the same compared
 * with the saved revision. Then back on the problems, where the rest of
 * the measures found them. */
static void
measure_simulation (PbWindow   *window,
                    Simulation *self)
{
  PbSimulationPanel *panel = PB_SIMULATION_PANEL (gtk_widget_get_template_child (GTK_WIDGET (window), PB_TYPE_WINDOW,
                                                                                 "simulation_panel"));

  for (guint run = 0; run < EDIT_RUNS; run++)
    measure_simulation_edit (window, NULL, &self->hidden_edit, self->hidden_stalls);
  measure_simulation_change (window, panel, show_simulation, &self->first, self->first_stalls);
  measure_simulation_change (window, panel, play_every_status, &self->every_status, self->day_stalls);
  self->n_steps = g_list_model_get_n_items (pb_simulation_panel_get_steps (panel));
  self->n_lines = g_list_model_get_n_items (pb_simulation_panel_get_lines (panel));
  self->rss_day = read_status_mib ("VmRSS");

  for (guint run = 0; run < EDIT_RUNS; run++)
    measure_simulation_edit (window, panel, &self->edit, self->edit_stalls);

  self->rss_edits = read_status_mib ("VmRSS");
  pb_simulation_panel_set_compare (panel, TRUE);
  wait_simulation (window, panel);
  for (guint run = 0; run < EDIT_RUNS; run++)
    measure_simulation_edit (window, panel, &self->compare_edit, self->compare_stalls);
  self->rss = read_status_mib ("VmRSS");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-problems", NULL));
  wait_for_frame (GTK_WIDGET (window));
}

static void
print_simulation (Simulation *self)
{
  g_print ("  Simulation (every-status: %u steps, %u lines in the timeline)\n", self->n_steps, self->n_lines);
  print_samples ("edit, page hidden -> problems painted", &self->hidden_edit);
  print_stalls ("", self->hidden_stalls);
  print_samples ("F9: the page's first display", &self->first);
  print_stalls ("", self->first_stalls);
  print_samples ("every-status day -> timeline painted", &self->every_status);
  print_stalls ("", self->day_stalls);
  print_samples ("edit -> every-status timeline painted", &self->edit);
  print_stalls ("", self->edit_stalls);
  print_samples ("the same, compared with the saved one", &self->compare_edit);
  print_stalls ("", self->compare_stalls);
  g_print ("  %-40s %8.1f MiB (%.1f once shown, %.1f after its edits)\n", "VmRSS after the compared edits",
           self->rss, self->rss_day, self->rss_edits);
}

static int
child_interact (const Case *c)
{
  g_autoptr(GError) error = NULL;
  Samples edit_row, edit_refresh, search, extend, clear;
  Simulation simulation;
  Samples page[2], end[2];
  const char *list_names[2] = { "statuses", "states" };
  const PbSubject subjects[2] = { PB_SUBJECT_PRESENCE, PB_SUBJECT_STATE };
  GtkWidget *lists[2];
  double rss_before, rss_open, hwm_open;
  GtkWidget *entry;
  PbWindow *window;

  gtk_init ();
  g_object_set (gtk_settings_get_default (),
                /* No transitions running behind the measures. */
                "gtk-enable-animations", FALSE,
                NULL);

  application = pb_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  samples_init (&edit_row);
  samples_init (&edit_refresh);
  samples_init (&search);
  samples_init (&extend);
  samples_init (&clear);
  simulation_init (&simulation);
  for (guint i = 0; i < 2; i++)
    {
      samples_init (&page[i]);
      samples_init (&end[i]);
    }

  rss_before = read_status_mib ("VmRSS");
  g_application_activate (G_APPLICATION (application));
  window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_true (PB_IS_WINDOW (window));
  probe.clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (window)));
  probe.before_paint_id = g_signal_connect (probe.clock, "before-paint", G_CALLBACK (before_paint_cb), &probe);
  probe.after_paint_id = g_signal_connect (probe.clock, "after-paint", G_CALLBACK (after_paint_cb), &probe);
  WAIT_FOR (window_has_content (window));
  wait_for_frame (GTK_WIDGET (window));
  WAIT_FOR (!pb_window_get_busy (window));
  rss_open = read_status_mib ("VmRSS");
  hwm_open = read_status_mib ("VmHWM");

  g_print ("%s: %u presence statuses, %u agent states\n", c->title,
           g_list_model_get_n_items (pb_configuration_get_presence_statuses (pb_window_get_draft (window))),
           g_list_model_get_n_items (pb_configuration_get_agent_states (pb_window_get_draft (window))));

  for (guint run = 0; run < EDIT_RUNS; run++)
    measure_edit (window, &edit_row, &edit_refresh);
  measure_simulation (window, &simulation);

  for (guint i = 0; i < 2; i++)
    lists[i] = gtk_widget_get_ancestor (GTK_WIDGET (first_row (window, subjects[i])), GTK_TYPE_LIST_VIEW);
  for (guint i = 0; i < 2; i++)
    for (guint run = 0; run < SCROLL_RUNS; run++)
      {
        measure_scroll (window, lists[i], FALSE, &page[i]);
        measure_scroll (window, lists[i], TRUE, &end[i]);
      }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  entry = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  wait_for_frame (GTK_WIDGET (window));
  for (guint run = 0; run < SEARCH_RUNS; run++)
    {
      /* As typed: "a", "aw", ... each keystroke narrows the last search. */
      measure_search (window, entry, "awa", &search);
      measure_search (window, entry, "away", &extend);
      if (run == 0)
        g_print ("  (the search \"away\" shows %u statuses, %u states)\n",
                 g_list_model_get_n_items (pb_window_get_status_model (window)),
                 g_list_model_get_n_items (pb_window_get_state_model (window)));
      measure_search (window, entry, "", &clear);
    }

  print_samples ("edit a mapping -> its row painted", &edit_row);
  print_samples ("edit -> problems and preview painted", &edit_refresh);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *what = g_strdup_printf ("scroll %s one page", list_names[i]);

      print_samples (what, &page[i]);
      g_clear_pointer (&what, g_free);
      what = g_strdup_printf ("scroll %s to the end", list_names[i]);
      print_samples (what, &end[i]);
    }
  print_samples ("search \"awa\" -> frame", &search);
  print_samples ("one more key, \"away\" -> frame", &extend);
  print_samples ("clear the search -> frame", &clear);
  g_print ("  %-40s %8.1f MiB (%.1f before opening, peak %.1f)\n",
           "VmRSS after the window opened", rss_open, rss_before, hwm_open);

  /* Printed after the rest, measured while the grids are as they opened
   * (after a search they fill up again in idles). */
  print_simulation (&simulation);

  g_clear_signal_handler (&probe.before_paint_id, probe.clock);
  g_clear_signal_handler (&probe.after_paint_id, probe.clock);
  g_clear_object (&probe.clock);

  /* The edits are in the draft; nothing to ask about. */
  WAIT_FOR (!pb_window_get_busy (window));
  gtk_window_destroy (GTK_WINDOW (window));
  while (gtk_application_get_windows (GTK_APPLICATION (application)) != NULL)
    g_main_context_iteration (NULL, TRUE);

  samples_clear (&edit_row);
  samples_clear (&edit_refresh);
  samples_clear (&search);
  samples_clear (&extend);
  samples_clear (&clear);
  simulation_clear (&simulation);
  for (guint i = 0; i < 2; i++)
    {
      samples_clear (&page[i]);
      samples_clear (&end[i]);
    }
  g_clear_object (&application);

  return 0;
}

/* Part 2, in the parent */

static void
bench_interact (const char *self_path,
                const char *dir)
{
  g_print ("\nWork in an open window (median)\n");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *store = case_store_path (dir, &cases[i]);
      const char *argv[] = { self_path, "--interact", cases[i].name, NULL };
      g_autoptr(GError) error = NULL;
      int status;

      g_setenv ("PRESENCE_BRIDGE_STORE", store, TRUE);
      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_CHILD_INHERITS_STDOUT, NULL, NULL, NULL, NULL,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
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

/* Everything the children write (settings, caches, the session's files)
 * goes into @dir; the system's data folders (themes, icons, the MIME
 * database) stay as they are for both the yardstick and the window. */
static void
isolate_user_dirs (const char *dir)
{
  const char *vars[] = { "HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME" };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *path = g_build_filename (dir, vars[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (vars[i], path, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *bare_path = NULL;
  g_autofree char *bin_dir = NULL;

  if (argc == 2 && g_str_equal (argv[1], "--open"))
    return child_open (argv[0]);

  if (argc == 3 && g_str_equal (argv[1], "--interact"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        if (g_str_equal (argv[2], cases[i].name))
          return child_interact (&cases[i]);
      g_error ("No case “%s”", argv[2]);
    }

  self_path = g_canonicalize_filename (argv[0], NULL);
  bin_dir = g_path_get_dirname (self_path);
  bare_path = g_build_filename (bin_dir, "bench-bare-window", NULL);
  g_assert_true (g_file_test (bare_path, G_FILE_TEST_IS_EXECUTABLE));

  dir = g_dir_make_tmp ("bench-window-XXXXXX", &error);
  g_assert_no_error (error);
  isolate_user_dirs (dir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    prepare_store (dir, &cases[i]);

  bench_open (self_path, bare_path, dir);
  bench_interact (self_path, dir);

  remove_tree (dir);
  return 0;
}
