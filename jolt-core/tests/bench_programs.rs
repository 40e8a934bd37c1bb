//! `jolt bench programs --quick --backend lasso,twist`: a program proved with each backend (in
//! `programs-worker` child processes, one row per backend) and a program too long to prove
//! here both get their rows in the Markdown, CSV and SVG, the output checked against the
//! native run (`(C, log M) = (8, 8)` keeps the dev-profile run short).

use std::process::Command;

#[test]
fn programs_quick_proves_one_and_marks_the_too_long_one() {
    let dir = std::env::temp_dir().join(format!("jolt-bench-programs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = Command::new(env!("CARGO_BIN_EXE_jolt"))
        .args(["bench", "programs", "--quick", "--log-m", "8"])
        .args(["--backend", "lasso,twist"])
        .args(["--programs", "fibonacci,ecdsa-verify", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |ext: &str| std::fs::read_to_string(dir.join(format!("programs.{ext}"))).unwrap();
    let (md, csv, svg) = (read("md"), read("csv"), read("svg"));
    for fact in ["Machine:", "Threads used:", "Commit:", "Baseline:"] {
        assert!(md.contains(fact), "missing {fact:?} in\n{md}");
    }
    assert!(md.contains("| fibonacci | 10 n | 169 |"), "{md}");
    for backend in ["lasso", "twist"] {
        assert!(md.contains(&format!("| = native | {backend} |")), "{md}");
    }
    assert!(md.contains("too long to prove on this machine"), "{md}");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{csv}");
    for (row, backend) in rows.iter().zip(["lasso", "twist"]) {
        assert!(row.starts_with("fibonacci,10,n,169,199,8,true,"), "{csv}");
        assert!(row.contains(&format!(",hyperkzg,{backend},")), "{csv}");
    }
    assert!(rows[2].starts_with("ecdsa-verify,1,"), "{csv}");
    assert!(
        svg.starts_with("<svg") && svg.contains("×MSM twist"),
        "{svg}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
