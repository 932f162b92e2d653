/* ==========================================================================
 * INTRANET GROUPE HEXAGONE - scripts communs (legacy.js)
 * (c) 2008 Groupe Hexagone - Direction des Systemes d'Information
 * Auteur : J.-M. D. (DSI - pole Intranet)  -  v2.3.1 du 12/03/2009
 *
 * Contient :
 *   - petites extensions "facon Prototype" des tableaux et des chaines
 *   - $() raccourci pour getElementById
 *   - date du jour dans le bandeau
 *   - bandeau "Flash info" defilant
 *   - ajout aux favoris, popups, divers
 *
 * !!! Ce fichier est inclus dans TOUTES les pages du CMS. Ne pas modifier
 * !!! sans prevenir la DSI (poste 4444).
 * ========================================================================== */

/* --------------------------------------------------------------------------
 * Compatibilite IE : console absente hors barre de developpement
 * -------------------------------------------------------------------------- */
if (typeof window.console == 'undefined') {
	window.console = { log: function () {}, error: function () {} };
}

/* --------------------------------------------------------------------------
 * Raccourcis (repris de Prototype 1.5)
 * -------------------------------------------------------------------------- */
var $ = function (id) { return document.getElementById(id); };

var $A = function (iterable) {
	if (!iterable) return [];
	var results = [];
	for (var i = 0, length = iterable.length; i < length; i++) results.push(iterable[i]);
	return results;
};

/* --------------------------------------------------------------------------
 * Extensions des tableaux
 * (affectation directe : les methodes sont enumerables, comme a l'epoque)
 * -------------------------------------------------------------------------- */
Array.prototype.each = function (iterator, context) {
	for (var i = 0, length = this.length; i < length; i++) {
		iterator.call(context, this[i], i);
	}
	return this;
};

/* indexOf "maison" : IE6/IE7 ne le connaissent pas. Ne saute pas les trous
   du tableau et accepte un depart negatif, comme Prototype 1.6. */
Array.prototype.indexOf = function (item, i) {
	i || (i = 0);
	var length = this.length;
	if (i < 0) i = length + i;
	for (; i < length; i++) {
		if (this[i] === item) return i;
	}
	return -1;
};

Array.prototype.include = function (item) {
	return this.indexOf(item) != -1;
};

Array.prototype.remove = function (item) {
	var i = this.indexOf(item);
	if (i != -1) this.splice(i, 1);
	return this;
};

Array.prototype.first = function () { return this[0]; };
Array.prototype.last = function () { return this[this.length - 1]; };

Array.prototype.compact = function () {
	var results = [];
	for (var i = 0; i < this.length; i++) {
		if (this[i] != null) results.push(this[i]);
	}
	return results;
};

Array.prototype.without = function () {
	var values = $A(arguments), results = [];
	for (var i = 0; i < this.length; i++) {
		if (!values.include(this[i])) results.push(this[i]);
	}
	return results;
};

Array.prototype.clone = function () { return [].concat(this); };

/* --------------------------------------------------------------------------
 * Extensions des chaines
 * -------------------------------------------------------------------------- */
/* trim ecrit a la main : String.trim n'existe pas sous IE */
String.prototype.trim = function () {
	return this.replace(/^\s+/, '').replace(/\s+$/, '');
};

String.prototype.strip = String.prototype.trim;

String.prototype.escapeHTML = function () {
	return this.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
};

String.prototype.truncate = function (length, suffix) {
	length = length || 30;
	suffix = suffix === undefined ? '...' : suffix;
	return this.length > length ? this.slice(0, length - suffix.length) + suffix : String(this);
};

/* --------------------------------------------------------------------------
 * Chargement : empile les fonctions sur window.onload (S. Willison)
 * -------------------------------------------------------------------------- */
function addLoadEvent(func) {
	var oldonload = window.onload;
	if (typeof window.onload != 'function') {
		window.onload = func;
	} else {
		window.onload = function () {
			if (oldonload) oldonload();
			func();
		};
	}
}

/* --------------------------------------------------------------------------
 * Objet global de l'intranet
 * -------------------------------------------------------------------------- */
window.HEXAGONE = {
	version: '2.3.1',
	site: 'Intranet Groupe Hexagone',
	serveur: 'INTRA-WEB02',
	webmaster: 'intranet@hexagone.example',
	jours: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
	mois: ['janvier', 'f\u00e9vrier', 'mars', 'avril', 'mai', 'juin', 'juillet',
	       'ao\u00fbt', 'septembre', 'octobre', 'novembre', 'd\u00e9cembre'],

	flashInfos: [
		'Maintenance SAP samedi de 20h \u00e0 2h : les caisses des magasins fonctionneront en mode d\u00e9grad\u00e9.',
		'Le nouveau portail RH est en ligne : connectez-vous avec vos identifiants Windows habituels.',
		'Collecte de jouets au profit des Restos du C\u0153ur jusqu\u2019au 12 d\u00e9cembre \u00e0 l\u2019accueil du si\u00e8ge.',
		'Restaurant d\u2019entreprise du si\u00e8ge : fermeture exceptionnelle vendredi \u00e0 14h (inventaire).',
		'Hexagone UK : les bureaux de Birmingham seront ferm\u00e9s le 25 et le 26 d\u00e9cembre.',
		'Rappel : la campagne d\u2019entretiens annuels se termine le 31 janvier.'
	],
	flashIndex: 0,
	flashMinuteur: null,

	dateDuJour: function () {
		var d = new Date();
		var jour = this.jours[d.getDay()];
		var texte = jour.charAt(0).toUpperCase() + jour.substring(1) + ' ' +
			(d.getDate() == 1 ? '1er' : d.getDate()) + ' ' + this.mois[d.getMonth()] + ' ' + d.getFullYear();
		return texte;
	},

	afficherDate: function () {
		var el = $('date-du-jour');
		if (el) el.innerHTML = HEXAGONE.dateDuJour();
	},

	/* fondu "a l'ancienne" : on change l'opacite toutes les 50 ms */
	fondu: function (el, de, a, apres) {
		var pas = de < a ? 0.1 : -0.1, valeur = de;
		var minuteur = setInterval(function () {
			valeur = Math.round((valeur + pas) * 10) / 10;
			el.style.opacity = valeur;
			el.style.filter = 'alpha(opacity=' + (valeur * 100) + ')';
			if ((pas > 0 && valeur >= a) || (pas < 0 && valeur <= a)) {
				clearInterval(minuteur);
				if (apres) apres();
			}
		}, 50);
	},

	afficherFlash: function () {
		var el = $('flash-info-texte'), compteur = $('flash-compteur');
		if (!el) return;
		el.innerHTML = HEXAGONE.flashInfos[HEXAGONE.flashIndex].escapeHTML();
		if (compteur) compteur.innerHTML = (HEXAGONE.flashIndex + 1) + ' / ' + HEXAGONE.flashInfos.length;
	},

	flashSuivant: function () {
		var el = $('flash-info-texte');
		if (!el) return;
		HEXAGONE.fondu(el, 1, 0, function () {
			HEXAGONE.flashIndex = (HEXAGONE.flashIndex + 1) % HEXAGONE.flashInfos.length;
			HEXAGONE.afficherFlash();
			HEXAGONE.fondu(el, 0, 1);
		});
	},

	demarrerFlash: function () {
		HEXAGONE.afficherFlash();
		HEXAGONE.flashMinuteur = setInterval(HEXAGONE.flashSuivant, 6000);
	},

	/* derniere mise a jour de la page dans le pied */
	afficherMiseAJour: function () {
		var el = $('maj-page');
		if (!el) return;
		var d = new Date(document.lastModified);
		if (isNaN(d.getTime())) return;
		var jj = (d.getDate() < 10 ? '0' : '') + d.getDate();
		var mm = (d.getMonth() < 9 ? '0' : '') + (d.getMonth() + 1);
		el.innerHTML = 'Derni\u00e8re mise \u00e0 jour : ' + jj + '/' + mm + '/' + d.getFullYear();
	},

	/* champ de recherche : texte d'aide qui s'efface au clic */
	initRecherche: function () {
		var champ = $('champ-recherche');
		if (!champ) return;
		var aide = champ.getAttribute('title') || 'Rechercher...';
		if (champ.value.trim() == '') { champ.value = aide; champ.style.color = '#707070'; }
		champ.onfocus = function () { if (this.value == aide) { this.value = ''; this.style.color = '#000'; } };
		champ.onblur = function () { if (this.value.trim() == '') { this.value = aide; this.style.color = '#707070'; } };
	},

	ajouterFavoris: function () {
		var titre = document.title, url = location.href;
		if (window.external && ('AddFavorite' in window.external)) {
			window.external.AddFavorite(url, titre);
		} else if (window.sidebar && window.sidebar.addPanel) {
			window.sidebar.addPanel(titre, url, '');
		} else {
			alert('Appuyez sur Ctrl+D pour ajouter cette page \u00e0 vos favoris.');
		}
		return false;
	},

	imprimer: function () { window.print(); return false; },

	popup: function (url, largeur, hauteur) {
		window.open(url, 'hexagone_popup', 'width=' + (largeur || 600) + ',height=' + (hauteur || 450) +
			',scrollbars=yes,resizable=yes,toolbar=no,status=no');
		return false;
	}
};

/* Dreamweaver (gabarit de l'agence) - conserve pour les anciennes pages */
function MM_preloadImages() {
	var d = document;
	if (d.images) {
		if (!d.MM_p) d.MM_p = [];
		var a = MM_preloadImages.arguments;
		for (var i = 0, j = d.MM_p.length; i < a.length; i++) {
			if (a[i].indexOf('#') != 0) { d.MM_p[j] = new Image(); d.MM_p[j++].src = a[i]; }
		}
	}
}

addLoadEvent(HEXAGONE.afficherDate);
addLoadEvent(HEXAGONE.demarrerFlash);
addLoadEvent(HEXAGONE.afficherMiseAJour);
addLoadEvent(HEXAGONE.initRecherche);
