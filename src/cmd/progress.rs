//! Progress on stderr for the commands that can take a while, drawn by indicatif: only on a
//! terminal (indicatif leaves a non-terminal stderr blank), never with `--quiet`, and only once a
//! command has run for a second, so that quick runs print nothing but their result.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::Context;

/// How long a command runs before its progress is drawn.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// A bar over `total` bytes of input: percentage, bytes, rate, ETA and a message of counts.
pub fn bytes(ctx: &Context, total: u64, what: &str) -> ProgressBar {
    let style = ProgressStyle::with_template(&format!(
        "{what} {{percent:>3}}% [{{bar:30}}] {{binary_bytes}}/{{binary_total_bytes}} \
         ({{binary_bytes_per_sec}}, ETA {{eta}}) {{msg}}"
    ))
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    shown_later(
        ctx,
        ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden()).with_style(style),
    )
}

/// A spinner with a message of counts, for work whose size is not known in advance.
pub fn spinner(ctx: &Context, what: &str) -> ProgressBar {
    let style = ProgressStyle::with_template(&format!("{{spinner}} {what} {{msg}} ({{elapsed}})"))
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()).with_style(style);
    pb.enable_steady_tick(Duration::from_millis(120));
    shown_later(ctx, pb)
}

/// Starts drawing the bar on stderr once the command has run for [`QUIET_FOR`], unless it has
/// finished by then.
fn shown_later(ctx: &Context, pb: ProgressBar) -> ProgressBar {
    if ctx.quiet {
        return pb;
    }
    let later = pb.clone();
    std::thread::spawn(move || {
        std::thread::sleep(QUIET_FOR);
        if !later.is_finished() {
            later.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
        }
    });
    pb
}
