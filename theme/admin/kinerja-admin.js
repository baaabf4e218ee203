/* Penyunting catatan (/admin/): bahasa Indonesia untuk Decap CMS dan urutan
   kunci yang tetap saat menyimpan. Berkas ini milik proyek (bukan dari npm). */
(function () {
  "use strict";
  var CMS = window.CMS;
  CMS.registerLocale("id", {
    auth: { login: "Masuk", loggingIn: "Sedang masuk…", loginWithGitHub: "Masuk dengan GitHub" },
    app: {
      header: { content: "Isi", workflow: "Alur kerja", media: "Media", quickAdd: "Tambah cepat" },
      app: {
        errorHeader: "Konfigurasi penyunting gagal dimuat",
        configErrors: "Kesalahan konfigurasi",
        checkConfigYml: "Periksa config.yml (dibuat oleh kinerja saat membangun portal).",
        loadingConfig: "Memuat konfigurasi…",
        waitingBackend: "Menunggu repositori…"
      },
      notFoundPage: { header: "Tidak ditemukan" }
    },
    collection: {
      sidebar: { collections: "Koleksi", allCollections: "Semua koleksi", searchAll: "Cari di semua", searchIn: "Cari di" },
      collectionTop: {
        sortBy: "Urutkan", viewAs: "Tampilkan sebagai", viewAsList: "Daftar", viewAsGrid: "Kisi",
        ascending: "Naik", descending: "Turun", filterBy: "Saring", groupBy: "Kelompokkan",
        searchResults: "Hasil pencarian \"%{searchTerm}\"",
        searchResultsInCollection: "Hasil pencarian \"%{searchTerm}\" di %{collection}"
      },
      entries: {
        loadingEntries: "Memuat catatan…", cachingEntries: "Menyimpan sementara catatan…",
        longerLoading: "Ini bisa memakan waktu beberapa menit", noEntries: "Tidak ada catatan",
        unpublishedHeader: "Catatan yang belum digabungkan"
      },
      groups: { other: "Lainnya", negateLabel: "Bukan %{label}" }
    },
    editor: {
      editorControl: { field: { optional: "boleh kosong" } },
      editorControlPane: {
        widget: {
          required: "%{fieldLabel} wajib diisi.",
          regexPattern: "%{fieldLabel} tidak sesuai bentuk yang diminta: %{pattern}",
          processing: "%{fieldLabel} sedang diproses.",
          range: "%{fieldLabel} harus antara %{minValue} dan %{maxValue}.",
          min: "%{fieldLabel} paling kecil %{minValue}.",
          max: "%{fieldLabel} paling besar %{maxValue}.",
          rangeCount: "%{fieldLabel} harus berisi %{minCount} sampai %{maxCount} butir.",
          rangeCountExact: "%{fieldLabel} harus berisi tepat %{count} butir.",
          rangeMin: "%{fieldLabel} paling sedikit %{minCount} butir.",
          rangeMax: "%{fieldLabel} paling banyak %{maxCount} butir."
        }
      },
      editor: {
        onLeavePage: "Yakin meninggalkan halaman ini? Perubahan yang belum disimpan hilang.",
        onUpdatingWithUnsavedChanges: "Ada perubahan yang belum disimpan; simpan dulu sebelum mengubah status.",
        loadingEntry: "Memuat catatan…",
        confirmLoadBackup: "Ada salinan cadangan catatan ini di peramban. Pakai salinan itu?"
      },
      editorToolbar: {
        saving: "Menyimpan…", save: "Simpan", status: "Status: %{status}",
        backCollection: " Menyunting koleksi %{collectionLabel}",
        unsavedChanges: "Belum disimpan", changesSaved: "Perubahan tersimpan",
        draft: "Draf", inReview: "Ditinjau", ready: "Siap",
        deleteUnpublishedChanges: "Buang perubahan yang belum digabungkan",
        deleting: "Menghapus…", updating: "Memperbarui…",
        statusInfoTooltipDraft: "Status catatan: draf. Bila sudah selesai, ubah status menjadi ‘Ditinjau’.",
        statusInfoTooltipInReview: "Catatan sedang ditinjau; Anda masih boleh memperbaikinya.",
        deployPreviewPendingButtonLabel: "Periksa pratinjau", deployPreviewButtonLabel: "Lihat pratinjau",
        deployButtonLabel: "Lihat di portal", published: "Sudah digabungkan"
      },
      editorWidgets: {
        list: { add: "Tambah %{item}", addType: "Tambah %{item}" },
        object: { expand: "Buka", collapse: "Tutup" }
      }
    },
    ui: {
      default: { goBackToSite: "Kembali ke portal" },
      settingsDropdown: { logOut: "Keluar", account: "Menu akun" },
      toast: {
        onFailToLoadEntries: "Catatan gagal dimuat: %{details}",
        onFailToPersist: "Catatan gagal disimpan: %{details}",
        onFailToUpdateStatus: "Status gagal diubah: %{details}",
        missingRequiredField: "Ada isian yang salah atau wajib yang belum diisi. Perbaiki dulu isian bertanda merah, lalu simpan.",
        entrySaved: "Catatan tersimpan",
        entryUpdated: "Status catatan diperbarui",
        onDeleteUnpublishedChanges: "Perubahan yang belum digabungkan dibuang",
        onLoggedOut: "Anda telah keluar; salin isian Anda lalu masuk lagi.",
        onFailToAuth: "%{details}"
      }
    },
    workflow: {
      workflow: {
        loading: "Memuat alur kerja", workflowHeading: "Alur kerja penyuntingan", newPost: "Baru",
        description: "%{smart_count} catatan menunggu tinjauan, %{readyCount} siap. |||| %{smart_count} catatan menunggu tinjauan, %{readyCount} siap.",
        dateFormat: "D MMMM"
      },
      workflowCard: { lastChange: "%{date} oleh %{author}", lastChangeNoAuthor: "%{date}", lastChangeNoDate: "oleh %{author}", deleteChanges: "Buang perubahan" },
      workflowList: {
        onDeleteEntry: "Yakin membuang perubahan catatan ini?",
        draftHeader: "Draf", inReviewHeader: "Ditinjau", readyHeader: "Siap",
        currentEntries: "%{smart_count} catatan |||| %{smart_count} catatan"
      }
    }
  });

  /* No uploads: records never need a file, and a scan could carry personal
     data. This media library has no button and accepts nothing. */
  CMS.registerMediaLibrary({
    name: "tanpa-unggahan",
    init: function () {
      return Promise.resolve({
        show: function () { window.alert("Penyunting ini tidak menerima unggahan berkas."); },
        hide: function () {},
        enableStandalone: function () { return false; }
      });
    }
  });

  /* Immutable maps with more than eight keys forget their order; before
     saving, put every map's keys back in the order the form lists them
     (urutan-kunci.json is generated with config.yml). */
  var orders = {};
  var rules = {};
  var json = function (name) { return fetch(name).then(function (r) { return r.json(); }); };
  var groups = {};
  var ready = Promise.all([json("urutan-kunci.json"), json("aturan.json")]).then(function (both) {
    orders = both[0];
    rules = both[1].jalur;
    groups = both[1].lengkap;
  });

  var filled = function (v) { return v !== undefined && v !== null && v !== ""; };

  /* kompetensi and the like: every required key or none (aturan.json). An
     untouched or emptied group is dropped, as in a record without it. */
  function wholeGroups(entry, data) {
    (groups[entry.get("collection")] || []).forEach(function (group) {
      var part = data.get(group.key);
      if (!part || !part["@@__IMMUTABLE_MAP__@@"]) { return; }
      if (!part.some(filled)) { data = data.delete(group.key); return; }
      var missing = group.wajib.filter(function (pair) { return !filled(part.get(pair[0])); });
      if (missing.length) {
        throw new Error(group.label + " diisi semua atau dikosongkan semua; belum diisi: " +
          missing.map(function (pair) { return pair[1]; }).join(", ") + ".");
      }
    });
    return data;
  }

  /* ID, periode and unit kerja make the file's place (aturan.json, "jalur"): a save that
     changes them would leave the record where it no longer belongs. */
  function checkPlace(entry) {
    var pattern = rules[entry.get("collection")];
    var have = entry.get("path");
    if (!pattern || !have) { return; }
    var data = entry.get("data");
    var want = pattern.replace(/\{\{(\w+)\}\}/g, function (_, key) {
      var value = data.get(key);
      return value === undefined || value === null ? "" : String(value);
    });
    if (want !== have) {
      throw new Error("ID pseudonim, periode dan unit kerja harus tetap sesuai letak berkas (" +
        have + "). Kembalikan isian itu; pemindahan ASN ke unit lain dilakukan lewat impor.");
    }
  }

  function ordered(value, path, keys) {
    if (value && value["@@__IMMUTABLE_LIST__@@"]) {
      return value.map(function (item) { return ordered(item, path, keys); });
    }
    if (value && value["@@__IMMUTABLE_MAP__@@"]) {
      var wanted = keys[path] || [];
      var rank = function (v, k) { var i = wanted.indexOf(k); return i < 0 ? wanted.length : i; };
      /* an emptied optional field is absent, never null or "" (no schema allows them) */
      return value.toOrderedMap().filter(filled).map(function (v, k) {
        return ordered(v, path ? path + "." + k : k, keys);
      }).sortBy(rank);
    }
    return value;
  }

  /* Sign-in with a fine-grained token limited to the records repository: Decap's
     GitHub backend keeps its session as {backendName, token} under this key and
     checks the token against the API when the page loads. */
  var SESSION = "decap-cms-user";
  var panel = document.getElementById("masuk-token");
  if (panel && document.body.getAttribute("data-masuk-token") === "ya") {
    var sync = function () { panel.hidden = !!window.localStorage.getItem(SESSION); };
    sync();
    window.setInterval(sync, 1000);
    document.getElementById("form-token").addEventListener("submit", function (event) {
      event.preventDefault();
      var token = document.getElementById("token").value.trim();
      if (!token) { return; }
      window.localStorage.setItem(SESSION, JSON.stringify({ backendName: "github", token: token }));
      window.location.reload();
    });
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      return ready.then(function () {
        var entry = event.entry;
        checkPlace(entry);
        var data = wholeGroups(entry, entry.get("data"));
        return ordered(data, "", orders[entry.get("collection")] || {});
      });
    }
  });
  CMS.init();
})();
