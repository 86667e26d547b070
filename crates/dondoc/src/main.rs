//! The `dondoc` command: glue between the readers, the extractor and (later) the database.

mod extract;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// dondoc — theo dõi, đôn đốc thực hiện kết luận giao ban.
#[derive(Debug, Parser)]
#[command(name = "dondoc", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Trích xuất nhiệm vụ từ văn bản kết luận (JSON theo hợp đồng dondoc.extraction/v1).
    Extract {
        /// In văn bản đã chuẩn hóa (văn bản mà các span chỉ vào) thay cho JSON.
        #[arg(long)]
        text: bool,
        /// Các tệp văn bản: TXT, DOCX, PDF, HTML.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version are not errors; bad usage exits 2.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Extract { text, files } => extract::run(&files, text),
    }
}
