import { CALENDAR_FOLDER_NAMES, localeLanguage } from './calendar-folder-names.ts';

/** The well-known folders whose display name follows the mailbox's language (the IPM subtree). */
export type LocalizedFolder =
  | 'inbox'
  | 'outbox'
  | 'sentitems'
  | 'deleteditems'
  | 'drafts'
  | 'junkemail'
  | 'calendar'
  | 'contacts'
  | 'tasks'
  | 'notes'
  | 'journal'
  | 'conversationhistory'
  | 'syncissues'
  | 'conflicts'
  | 'localfailures'
  | 'serverfailures';

type Names = Readonly<Record<LocalizedFolder, string>>;

/**
 * Default folder names Exchange gives a mailbox per language (the names Set-MailboxRegionalConfiguration
 * -LocalizeDefaultFolderName writes, as Outlook shows them); pt is Brazilian Portuguese, as Exchange's "pt-BR".
 */
const FOLDER_NAMES: Readonly<Record<string, Omit<Names, 'calendar'>>> = {
  en: {
    inbox: 'Inbox',
    outbox: 'Outbox',
    sentitems: 'Sent Items',
    deleteditems: 'Deleted Items',
    drafts: 'Drafts',
    junkemail: 'Junk Email',
    contacts: 'Contacts',
    tasks: 'Tasks',
    notes: 'Notes',
    journal: 'Journal',
    conversationhistory: 'Conversation History',
    syncissues: 'Sync Issues',
    conflicts: 'Conflicts',
    localfailures: 'Local Failures',
    serverfailures: 'Server Failures',
  },
  de: {
    inbox: 'Posteingang',
    outbox: 'Postausgang',
    sentitems: 'Gesendete Elemente',
    deleteditems: 'Gelöschte Elemente',
    drafts: 'Entwürfe',
    junkemail: 'Junk-E-Mail',
    contacts: 'Kontakte',
    tasks: 'Aufgaben',
    notes: 'Notizen',
    journal: 'Journal',
    conversationhistory: 'Unterhaltungsverlauf',
    syncissues: 'Synchronisierungsprobleme',
    conflicts: 'Konflikte',
    localfailures: 'Lokale Fehler',
    serverfailures: 'Serverfehler',
  },
  fr: {
    inbox: 'Boîte de réception',
    outbox: "Boîte d'envoi",
    sentitems: 'Éléments envoyés',
    deleteditems: 'Éléments supprimés',
    drafts: 'Brouillons',
    junkemail: 'Courrier indésirable',
    contacts: 'Contacts',
    tasks: 'Tâches',
    notes: 'Notes',
    journal: 'Journal',
    conversationhistory: 'Historique des conversations',
    syncissues: 'Problèmes de synchronisation',
    conflicts: 'Conflits',
    localfailures: 'Échecs locaux',
    serverfailures: 'Échecs du serveur',
  },
  es: {
    inbox: 'Bandeja de entrada',
    outbox: 'Bandeja de salida',
    sentitems: 'Elementos enviados',
    deleteditems: 'Elementos eliminados',
    drafts: 'Borradores',
    junkemail: 'Correo no deseado',
    contacts: 'Contactos',
    tasks: 'Tareas',
    notes: 'Notas',
    journal: 'Diario',
    conversationhistory: 'Historial de conversaciones',
    syncissues: 'Problemas de sincronización',
    conflicts: 'Conflictos',
    localfailures: 'Errores locales',
    serverfailures: 'Errores del servidor',
  },
  it: {
    inbox: 'Posta in arrivo',
    outbox: 'Posta in uscita',
    sentitems: 'Posta inviata',
    deleteditems: 'Posta eliminata',
    drafts: 'Bozze',
    junkemail: 'Posta indesiderata',
    contacts: 'Contatti',
    tasks: 'Attività',
    notes: 'Note',
    journal: 'Diario',
    conversationhistory: 'Cronologia conversazioni',
    syncissues: 'Problemi di sincronizzazione',
    conflicts: 'Conflitti',
    localfailures: 'Errori locali',
    serverfailures: 'Errori server',
  },
  nl: {
    inbox: 'Postvak IN',
    outbox: 'Postvak UIT',
    sentitems: 'Verzonden items',
    deleteditems: 'Verwijderde items',
    drafts: 'Concepten',
    junkemail: 'Ongewenste e-mail',
    contacts: 'Contactpersonen',
    tasks: 'Taken',
    notes: 'Notities',
    journal: 'Journaal',
    conversationhistory: 'Gespreksgeschiedenis',
    syncissues: 'Synchronisatieproblemen',
    conflicts: 'Conflicten',
    localfailures: 'Lokale fouten',
    serverfailures: 'Serverfouten',
  },
  pt: {
    inbox: 'Caixa de Entrada',
    outbox: 'Caixa de Saída',
    sentitems: 'Itens Enviados',
    deleteditems: 'Itens Excluídos',
    drafts: 'Rascunhos',
    junkemail: 'Lixo Eletrônico',
    contacts: 'Contatos',
    tasks: 'Tarefas',
    notes: 'Anotações',
    journal: 'Diário',
    conversationhistory: 'Histórico de Conversa',
    syncissues: 'Problemas de Sincronização',
    conflicts: 'Conflitos',
    localfailures: 'Falhas Locais',
    serverfailures: 'Falhas do Servidor',
  },
  ja: {
    inbox: '受信トレイ',
    outbox: '送信トレイ',
    sentitems: '送信済みアイテム',
    deleteditems: '削除済みアイテム',
    drafts: '下書き',
    junkemail: '迷惑メール',
    contacts: '連絡先',
    tasks: 'タスク',
    notes: 'メモ',
    journal: '仕訳日記帳',
    conversationhistory: '会話の履歴',
    syncissues: '同期の失敗',
    conflicts: '競合',
    localfailures: 'ローカルのエラー',
    serverfailures: 'サーバーのエラー',
  },
};

/** The display name of a well-known folder in a mailbox of this locale (English for a language not listed). */
export function folderDisplayName(folder: LocalizedFolder, locale: string): string {
  const language = localeLanguage(locale);
  if (folder === 'calendar') return CALENDAR_FOLDER_NAMES[language] ?? 'Calendar';
  return (FOLDER_NAMES[language] ?? FOLDER_NAMES.en)![folder];
}

/** Languages with a full set of names; a test keeps this equal to the calendar's list. */
export const FOLDER_NAME_LANGUAGES: readonly string[] = Object.keys(FOLDER_NAMES);
