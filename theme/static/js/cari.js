// Pencarian dengan indeks Pagefind yang dibangun bersama portal (tanpa layanan luar).
(function () {
  "use strict";
  var kotak = document.getElementById("hasil-cari");
  var masukan = document.getElementById("q");
  if (!kotak || !masukan) { return; }
  var akar = document.querySelector('link[rel="icon"]').getAttribute("href").replace(/favicon\.svg$/, "");
  var q = new URLSearchParams(window.location.search).get("q") || "";
  masukan.value = q;

  function tulis(teks) {
    var p = document.createElement("p");
    p.textContent = teks;
    kotak.replaceChildren(p);
  }

  if (!q.trim()) { return; }
  tulis("Mencari…");
  import(akar + "pagefind/pagefind.js").then(function (pagefind) {
    return pagefind.search(q).then(function (hasil) {
      return Promise.all(hasil.results.slice(0, 20).map(function (r) { return r.data(); }));
    });
  }).then(function (data) {
    if (!data.length) { tulis("Tidak ada hasil untuk “" + q + "”."); return; }
    var daftar = document.createElement("ol");
    daftar.className = "hasil-cari";
    data.forEach(function (d) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = d.url;
      a.textContent = (d.meta && d.meta.title) || d.url;
      var p = document.createElement("p");
      p.textContent = (d.excerpt || "").replace(/<[^>]*>/g, "");
      li.append(a, p);
      daftar.append(li);
    });
    var judul = document.createElement("p");
    judul.textContent = data.length + " hasil untuk “" + q + "”:";
    kotak.replaceChildren(judul, daftar);
  }).catch(function () {
    tulis("Indeks pencarian belum tersedia. Gunakan daftar kriteria dan hasil.");
  });
})();
