//! The `dondoc` command: glue between the readers, the extractor and the database.

mod db;
mod extract;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// dondoc — theo dõi, đôn đốc thực hiện kết luận giao ban.
#[derive(Debug, Parser)]
#[command(name = "dondoc", version, about)]
struct Cli {
    /// Cơ sở dữ liệu: sqlite://tệp.db hoặc postgres://… (mặc định DONDOC_DATABASE_URL, rồi sqlite://dondoc.db).
    #[arg(long, global = true)]
    db: Option<String>,
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
    /// Nhập văn bản (tệp hoặc thư mục) vào cơ sở dữ liệu; nhập lại cùng một tệp không thay đổi gì.
    Import {
        /// Ban hành ngay: tạo nhiệm vụ và giao cho từng cơ quan, đơn vị.
        #[arg(long)]
        publish: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Chạy ứng dụng web (mặc định http://127.0.0.1:8080).
    Serve {
        /// Địa chỉ lắng nghe HOST:PORT.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Nạp dữ liệu mẫu trước khi chạy (như lệnh `dondoc demo`).
        #[arg(long)]
        demo: bool,
        /// Nạp dữ liệu mẫu từ các văn bản trong thư mục DIR.
        #[arg(long, value_name = "DIR")]
        demo_from: Option<PathBuf>,
    },
    /// Số liệu tổng quát của cơ sở dữ liệu.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Kiểm tra tính toàn vẹn (văn bản, nhiệm vụ, lượt giao, nhật ký).
    Check,
    /// Sao lưu toàn bộ dữ liệu vào một tệp.
    Backup {
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Khôi phục từ tệp sao lưu vào cơ sở dữ liệu trống.
    Restore { file: PathBuf },
    /// Danh bạ cơ quan, đơn vị.
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// Tài khoản người dùng.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Nạp dữ liệu mẫu: danh bạ, các văn bản mẫu (hoặc các văn bản trong thư mục --from) đã ban
    /// hành, và các tài khoản mẫu.
    Demo {
        #[arg(long)]
        from: Option<PathBuf>,
    },
    /// Tạo N văn bản tổng hợp (để đo hiệu năng, thử tải).
    DemoData {
        #[arg(long)]
        notices: usize,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
enum OrgCommand {
    /// Nhập danh bạ từ tệp CSV.
    Import { file: PathBuf },
    /// Xuất danh bạ ra CSV.
    Export {
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Nạp danh bạ mặc định của huyện mẫu.
    Seed,
    /// Liệt kê danh bạ.
    List,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Tạo tài khoản; mật khẩu lấy từ DONDOC_PASSWORD hoặc dòng đầu của đầu vào chuẩn.
    Add {
        username: String,
        /// admin, monitor, leader hoặc focal.
        #[arg(long)]
        role: String,
        /// Mã cơ quan, đơn vị trong danh bạ (cho cán bộ đầu mối).
        #[arg(long)]
        org: Option<String>,
        #[arg(long)]
        email: Option<String>,
    },
    /// Bật (hoặc cấp lại) xác thực hai lớp TOTP cho tài khoản; in khóa bí mật để nhập vào ứng dụng xác thực.
    Totp { username: String },
    /// Liệt kê tài khoản.
    List,
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
    let url = db::database_url(cli.db.as_deref());
    let url = url.as_str();
    match cli.command {
        Command::Extract { text, files } => extract::run(&files, text),
        Command::Import { publish, paths } => db::run(db::import(url, &paths, publish)),
        Command::Serve {
            addr,
            demo,
            demo_from,
        } => db::run_multi(db::serve(url, &addr, demo, demo_from.as_deref())),
        Command::Stats { json } => db::run(db::stats(url, json)),
        Command::Check => db::run(db::check(url)),
        Command::Backup { output } => db::run(db::backup(url, &output)),
        Command::Restore { file } => db::run(db::restore(url, &file)),
        Command::Org { command } => match command {
            OrgCommand::Import { file } => db::run(db::org_import(url, &file)),
            OrgCommand::Export { output } => db::run(db::org_export(url, output.as_deref())),
            OrgCommand::Seed => db::run(db::org_seed(url)),
            OrgCommand::List => db::run(db::org_list(url)),
        },
        Command::User { command } => match command {
            UserCommand::Add {
                username,
                role,
                org,
                email,
            } => db::run(db::user_add(
                url,
                &username,
                &role,
                org.as_deref(),
                email.as_deref(),
            )),
            UserCommand::Totp { username } => db::run(db::user_totp(url, &username)),
            UserCommand::List => db::run(db::user_list(url)),
        },
        Command::Demo { from } => db::run(db::demo(url, from.as_deref())),
        Command::DemoData { notices, out, seed } => {
            db::run(async move { db::demo_data(notices, &out, seed) })
        }
    }
}
